/// What the trigger planner is told. Every event carries its own GPS time; the planner never reads a clock.
public enum TriggerEvent: Sendable, Equatable {
    /// A GNSS/INS solution.
    case fix(TriggerFix)
    /// An IMU sample; its along-track acceleration sharpens the crossing prediction between fixes.
    case imu(TriggerIMUSample)
    /// A wheel odometer/DMI reading; when present it replaces GNSS speed as the distance source.
    case odometer(OdometerReading)
    /// The daemon's timer: lets interval triggering run and notices a position stream that went quiet.
    case tick(GPSTime)
}

/// One position/velocity solution at a GPS instant.
public struct TriggerFix: Sendable, Equatable {
    public var time: GPSTime
    public var position: GeodeticPoint
    /// ENU velocity, m/s (receiver Doppler velocity). Without it, distance comes from the chord between fixes.
    public var velocity: ENU?
    public var horizontalSigmaMeters: Double?

    public init(time: GPSTime, position: GeodeticPoint, velocity: ENU?, horizontalSigmaMeters: Double? = nil) {
        self.time = time
        self.position = position
        self.velocity = velocity
        self.horizontalSigmaMeters = horizontalSigmaMeters
    }
}

/// One IMU sample reduced to what the planner uses: the acceleration along the direction of travel (vehicle x
/// axis), m/s², and the yaw rate. The planner fuses the acceleration with the GNSS speeds (which also absorb a
/// constant bias, e.g. gravity leaking in on a slope) and turns its position extrapolation with the yaw rate.
public struct TriggerIMUSample: Sendable, Equatable {
    public var time: GPSTime
    public var forwardAccelerationMetersPerSecond2: Double
    /// Rotation about the up axis, degrees/s, counter-clockwise positive (a left turn); nil when the IMU has no
    /// z gyro.
    public var yawRateDegreesPerSecond: Double?
    public init(time: GPSTime, forwardAccelerationMetersPerSecond2: Double, yawRateDegreesPerSecond: Double? = nil) {
        self.time = time
        self.forwardAccelerationMetersPerSecond2 = forwardAccelerationMetersPerSecond2
        self.yawRateDegreesPerSecond = yawRateDegreesPerSecond
    }
}

/// A cumulative odometer/DMI distance at a GPS instant (already scaled to metres by its calibration).
public struct OdometerReading: Sendable, Equatable {
    public var time: GPSTime
    public var distanceMeters: Double
    public init(time: GPSTime, distanceMeters: Double) {
        self.time = time
        self.distanceMeters = distanceMeters
    }
}
