/// What the planner asks the daemon to do.
public enum TriggerAction: Sendable, Equatable {
    /// Fire the camera at `fire.time` (the daemon converts it to a host deadline through the clock model).
    case fire(TriggerFire)
    /// Triggering stopped; no fires until `resumed`.
    case paused(TriggerPauseReason)
    case resumed
    case warning(TriggerWarning)
}

/// One planned exposure.
public struct TriggerFire: Sendable, Equatable, Codable {
    /// Monotonic from 1 for the planner's life; the key that links command, TIM-TM2 mark and image.
    public var seq: UInt32
    /// Predicted GPS instant at which the vehicle crosses the target (or the interval falls due).
    public var time: GPSTime
    public var cause: TriggerCause
    /// Predicted along-path distance at `time`, metres since the planner started.
    public var distanceMeters: Double
    public var speedMetersPerSecond: Double
    /// The target had already been passed when the planner learned of it (after a pause, or a late update):
    /// fired as soon as possible rather than skipped.
    public var late: Bool
    /// Held back by the camera's minimum interval, so it lands after the target.
    public var deferred: Bool

    public init(
        seq: UInt32, time: GPSTime, cause: TriggerCause, distanceMeters: Double, speedMetersPerSecond: Double,
        late: Bool = false, deferred: Bool = false
    ) {
        self.seq = seq
        self.time = time
        self.cause = cause
        self.distanceMeters = distanceMeters
        self.speedMetersPerSecond = speedMetersPerSecond
        self.late = late
        self.deferred = deferred
    }
}

public enum TriggerCause: String, Sendable, Equatable, Codable {
    case distance, interval, position
}

public enum TriggerPauseReason: String, Sendable, Equatable, Codable {
    /// Slower than the standstill speed: a stopped vehicle must not fill the disk with identical images.
    case standstill
    /// No fix (or odometer) for longer than the stale limit: distance is unknown.
    case noPosition = "no-position"
    /// Outside every zone the policy lists.
    case outsideZones = "outside-zones"
}

public enum TriggerWarning: Sendable, Equatable {
    /// At this speed the camera's minimum interval cannot keep the spacing: spacing / minimum interval is the
    /// fastest speed the policy can hold. Reported once per episode.
    case speedTooFast(speedMetersPerSecond: Double, maximumSpeedMetersPerSecond: Double)
    /// The position stream jumped backwards in time or went stale; the event was ignored.
    case eventOutOfOrder(GPSTime)
}
