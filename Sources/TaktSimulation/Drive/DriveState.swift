/// The simulated vehicle's true state at one instant: the ground truth every simulated sensor derives from.
public struct DriveState: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    /// Ellipsoidal height, metres.
    public var heightMeters: Double
    /// Distance driven since the start, metres.
    public var distanceMeters: Double
    public var speedMetersPerSecond: Double
    /// Course over ground, degrees clockwise from true north.
    public var headingDegrees: Double
    public var accelerationMetersPerSecond2: Double
}
