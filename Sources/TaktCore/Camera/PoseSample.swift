/// One navigation solution kept for interpolation: position, velocity and (from an INS or dual antenna)
/// attitude, each with its one-sigma accuracy.
public struct PoseSample: Sendable, Equatable, Codable {
    public var time: GPSTime
    public var position: GeodeticPoint
    public var velocity: ENU?
    /// Vehicle roll, pitch and heading (`yaw`, degrees clockwise from true north), degrees.
    public var attitude: Attitude?
    public var horizontalSigmaMeters: Double?
    public var verticalSigmaMeters: Double?
    public var attitudeSigmaDegrees: Double?

    public init(
        time: GPSTime, position: GeodeticPoint, velocity: ENU? = nil, attitude: Attitude? = nil,
        horizontalSigmaMeters: Double? = nil, verticalSigmaMeters: Double? = nil, attitudeSigmaDegrees: Double? = nil
    ) {
        self.time = time
        self.position = position
        self.velocity = velocity
        self.attitude = attitude
        self.horizontalSigmaMeters = horizontalSigmaMeters
        self.verticalSigmaMeters = verticalSigmaMeters
        self.attitudeSigmaDegrees = attitudeSigmaDegrees
    }
}

/// The vehicle's pose at an exposure, with its accuracy and how the heading was obtained.
public struct InterpolatedPose: Sendable, Equatable, Codable {
    public var time: GPSTime
    public var position: GeodeticPoint
    public var velocity: ENU?
    /// Degrees clockwise from true north: the INS heading, else the course over ground while moving.
    public var headingDegrees: Double?
    public var pitchDegrees: Double?
    public var rollDegrees: Double?
    public var horizontalSigmaMeters: Double?
    public var verticalSigmaMeters: Double?
    public var attitudeSigmaDegrees: Double?
    /// "attitude" (INS/dual antenna) or "course" (from velocity).
    public var headingSource: String?
    /// Seconds beyond the nearest sample when the time lay outside the history (0 when interpolated).
    public var extrapolationSeconds: Double

    public var speedMetersPerSecond: Double? { velocity?.horizontalNorm }
}
