/// Decides when the camera fires: every N metres along the driven path, every T seconds, at listed positions,
/// only inside zones, never below the standstill speed and never faster than the camera's minimum interval.
///
/// A value-type state machine (NIO's `…StateMachine` shape): feed it events, act on the returned actions.
/// ```
/// var planner = TriggerPlanner(policy: policy)  // RigConfig.trigger
/// for event in events {
///     for action in planner.handle(event) {
///         if case .fire(let f) = action { schedule(f.seq, at: clockModel.host(for: f.time)) }
///     }
/// }
/// ```
/// Between updates the vehicle's along-path distance is extrapolated with constant acceleration (IMU when
/// present, else the speed change between fixes), and a target is committed as soon as its predicted crossing
/// falls before the next expected update. Triggers therefore land on the spacing, not on the next fix.
public struct TriggerPlanner: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Used when the policy names no standstill speed: GNSS velocity noise at rest must not accumulate.
        public var defaultStandstillSpeedMetersPerSecond = 0.5
        /// Resume only above standstill × this ratio, so a crawl at the threshold does not flap.
        public var resumeHysteresisRatio = 1.2
        /// No fix/odometer for this long pauses distance triggering.
        public var staleAfter: Duration = .seconds(1)
        /// Extra look-ahead for the daemon's fix-to-host latency: commits crossings this much further out.
        public var latencyAllowance: Duration = .zero
        /// Commit crossings up to this multiple of the expected update interval ahead.
        public var horizonFactor = 1.25
        /// GNSS speeds below this count as zero for distance (velocity noise at rest).
        public var speedNoiseFloorMetersPerSecond = 0.1
        /// One-sigma noise of the receiver's Doppler speed and of one IMU forward-acceleration sample: they weigh
        /// the two in the along-track fusion when an IMU is present.
        public var dopplerSpeedSigmaMetersPerSecond = 0.03
        public var imuAccelerationSigmaMetersPerSecond2 = 0.05
        /// One-sigma uncertainty of the IMU samples' GPS times (the tag mapping's σ: ≈ 2.9 ms at 100 Hz when the
        /// samples are locked to the epochs). The planner refines the IMU time offset from the motion against it.
        public var imuTimeSigmaSeconds = 0.003
        /// IMU samples arrive in bursts, one per navigation epoch (u-blox ESF-RAW after each NAV-PVT), not one by
        /// one: after an IMU update the next one that can move a commit is a fix interval away, so the horizon spans
        /// the fix interval rather than the IMU's sample interval.
        public var imuArrivesInBursts = false
        public init() {}
    }

    enum Phase: Sendable, Equatable {
        /// No kinematic state yet.
        case starting
        case running
        case paused(TriggerPauseReason)
    }

    let policy: TriggerPolicy
    let configuration: Configuration
    var phase: Phase = .starting
    var kinematics = PathKinematics()
    var nextSeq: UInt32 = 1
    var lastFireTime: GPSTime?
    var nextTargetMeters: Double?
    var speedWarningActive = false
    /// Positions already fired in the current pass (re-armed once the path is far enough away).
    var positionFired: [Bool]
    let zones: [PlanarPolygonZone]

    public init(policy: TriggerPolicy, configuration: Configuration = Configuration()) {
        self.policy = policy
        self.configuration = configuration
        positionFired = Array(repeating: false, count: policy.positions?.count ?? 0)
        zones = (policy.zones ?? []).map(PlanarPolygonZone.init)
        kinematics.speedNoiseFloor = configuration.speedNoiseFloorMetersPerSecond
        kinematics.filterNoise.speedSigma = configuration.dopplerSpeedSigmaMetersPerSecond
        kinematics.filterNoise.accelerationSigma = configuration.imuAccelerationSigmaMetersPerSecond2
        kinematics.imuTime = IMUTimeOffset(
            dopplerSpeedSigma: configuration.dopplerSpeedSigmaMetersPerSecond,
            timeSigma: configuration.imuTimeSigmaSeconds)
    }

    public var standstillSpeed: Double {
        policy.standstillSpeedMetersPerSecond ?? configuration.defaultStandstillSpeedMetersPerSecond
    }
    var minimumInterval: Duration {
        .nanoseconds(Int64(((policy.minimumIntervalSeconds ?? 0) * 1e9).rounded()))
    }
    /// The next sequence number the planner will assign.
    public var upcomingSeq: UInt32 { nextSeq }
    /// Along-path distance at the latest update, metres.
    public var distanceMeters: Double { kinematics.distance }

    public mutating func handle(_ event: TriggerEvent) -> [TriggerAction] {
        switch take(event) {
        case .accepted(let now):
            // A fix that arrives before the IMU burst covering it: the burst (right behind it) brings the state up
            // to the fix's time and plans then; committing now would extrapolate from the previous epoch.
            if case .fix = event, configuration.imuArrivesInBursts, kinematics.awaitingIMU {
                plan(at: now, commit: false)
            } else {
                plan(at: now)
            }
        case .rejected(let warning): warning.map { [$0] } ?? []
        }
    }

    /// Events that arrived together (an IMU burst of one navigation epoch): all are taken in, then one plan at
    /// the latest of their times, so commits use the newest state rather than the burst's oldest sample.
    public mutating func handle(batch events: [TriggerEvent]) -> [TriggerAction] {
        var actions: [TriggerAction] = []
        var latest: GPSTime?
        for event in events {
            switch take(event) {
            case .accepted(let now): latest = max(latest ?? now, now)
            case .rejected(let warning): if let warning { actions.append(warning) }
            }
        }
        if let latest { actions += plan(at: latest) }
        return actions
    }

    private enum Taken {
        case accepted(GPSTime)
        case rejected(TriggerAction?)
    }

    private mutating func take(_ event: TriggerEvent) -> Taken {
        switch event {
        case .fix(let fix):
            kinematics.accept(fix) ? .accepted(fix.time) : .rejected(.warning(.eventOutOfOrder(fix.time)))
        case .imu(let sample):
            kinematics.accept(sample) ? .accepted(sample.time) : .rejected(nil)
        case .odometer(let reading):
            kinematics.accept(reading) ? .accepted(reading.time) : .rejected(.warning(.eventOutOfOrder(reading.time)))
        case .tick(let time):
            .accepted(time)
        }
    }
}
