import Foundation
public import TaktCore

/// A planner run against a simulated drive: GNSS fixes (and optionally IMU samples and an odometer) derived from
/// `SimulatedDrive`'s truth with seeded noise, fed to `TriggerPlanner`; every fire is then looked up in the
/// truth. Used by `takt bench trigger` and by the planner's acceptance tests, so both measure the same thing.
public struct TriggerDriveScenario: Sendable {
    public var name: String
    public var drive: SimulatedDrive
    public var seconds: Double
    public var fixRateHz: Double = 10
    /// 0 = no IMU.
    public var imuRateHz: Double = 0
    /// Per-axis white noise on the receiver's Doppler velocity, m/s.
    public var velocityNoise: Double = 0.02
    /// White noise on the IMU's forward acceleration, m/s².
    public var accelerationNoise: Double = 0.05
    /// White noise on the IMU's yaw rate, degrees/s.
    public var yawRateNoise: Double = 0.1
    public var policy: TriggerPolicy
    /// Only fires after this many seconds are scored (skips the start-up acceleration in cruise scenarios).
    public var scoreAfterSeconds: Double = 0
    /// The planner's look-ahead for the daemon's data latency (see `TriggerPlanner.Configuration`).
    public var latencyAllowance: Duration = .zero
    /// Deliver as the daemon gets it from a u-blox: each fix, then the IMU burst up to its epoch, the IMU stamped
    /// through `SensorTimeTagMapper` from millisecond tags (see `runAsUBlox`).
    public var deliveredAsUBlox = false
    /// GPS time at drive time 0.
    public var start = GPSTime(week: 2_400, timeOfWeekNanoseconds: 200_000 * 1_000_000_000)

    public init(name: String, drive: SimulatedDrive, seconds: Double, policy: TriggerPolicy) {
        self.name = name
        self.drive = drive
        self.seconds = seconds
        self.policy = policy
    }

    /// The acceptance scenario: 50 km/h for 10 minutes, 5 m spacing, 10 Hz fixes + 100 Hz IMU.
    public static func cruise50(imu: Bool = true) -> TriggerDriveScenario {
        var s = TriggerDriveScenario(
            name: imu ? "50 km/h, 5 m, 10 Hz GNSS + 100 Hz IMU" : "50 km/h, 5 m, 10 Hz GNSS only",
            drive: SimulatedDrive(cruiseSpeedsKmh: [50], stopSeconds: 4, cruiseSeconds: 600),
            seconds: 600,
            policy: TriggerPolicy(spacingMeters: 5, standstillSpeedMetersPerSecond: 0.5, minimumIntervalSeconds: 0.2)
        )
        s.imuRateHz = imu ? 100 : 0
        s.scoreAfterSeconds = 10
        return s
    }

    /// The stop-and-go acceptance scenario: 0–80 km/h with stops at every block.
    public static func stopAndGo(imu: Bool = true) -> TriggerDriveScenario {
        var s = TriggerDriveScenario(
            name: imu ? "0–80 km/h with stops, 5 m, 10 Hz GNSS + 100 Hz IMU" : "0–80 km/h with stops, 5 m, 10 Hz GNSS only",
            drive: SimulatedDrive(cruiseSpeedsKmh: [30, 50, 40, 80, 20, 60], stopSeconds: 5, cruiseSeconds: 8),
            seconds: 600,
            policy: TriggerPolicy(spacingMeters: 5, standstillSpeedMetersPerSecond: 0.5, minimumIntervalSeconds: 0.2)
        )
        s.imuRateHz = imu ? 100 : 0
        return s
    }

    /// A city drive with everything that moves a crossing between fixes: 2 m/s² starts, 2.5 m/s² braking to
    /// stops at every block, 20–80 km/h, and turns through rounded corners (radius 15 m), 5 m spacing, 10 Hz GNSS.
    /// The bench runs it with and without IMU on the same seeds (same noise draws for the GNSS part).
    public static func urban(imu: Bool = true) -> TriggerDriveScenario {
        var s = TriggerDriveScenario(
            name: imu
                ? "city: starts, braking, stops, turns (r 15 m), 5 m, 10 Hz GNSS + 100 Hz IMU"
                : "city: starts, braking, stops, turns (r 15 m), 5 m, 10 Hz GNSS only",
            drive: SimulatedDrive(
                cruiseSpeedsKmh: [30, 50, 20, 40, 80, 25, 60], stopSeconds: 3, cruiseSeconds: 5,
                cornerRadiusMeters: 15),
            seconds: 600,
            policy: TriggerPolicy(spacingMeters: 5, standstillSpeedMetersPerSecond: 0.5, minimumIntervalSeconds: 0.2)
        )
        s.imuRateHz = imu ? 100 : 0
        return s
    }

    /// The planner's fires and the truth at each.
    public func run(seed: UInt64) -> TriggerRun {
        if deliveredAsUBlox && imuRateHz > 0 { return runAsUBlox(seed: seed) }
        var rng = SeededGenerator(seed: seed)
        // The IMU draws its noise from its own generator, so a run with and one without IMU see the same GNSS noise.
        var imuRNG = SeededGenerator(seed: seed ^ 0x1A2B_3C4D_5E6F)
        var configuration = TriggerPlanner.Configuration()
        configuration.latencyAllowance = latencyAllowance
        var planner = TriggerPlanner(policy: policy, configuration: configuration)
        var fires: [TriggerFire] = []
        var commits: [GPSTime] = []
        var pauses = 0
        var warnings = 0
        let fixStep = 1 / fixRateHz
        let imuStep = imuRateHz > 0 ? 1 / imuRateHz : .infinity
        var nextFix = 0.0
        var nextIMU = imuRateHz > 0 ? 0.0 : .infinity
        var k = 0
        var j = 0
        while min(nextFix, nextIMU) <= seconds {
            let event: TriggerEvent
            let eventTime = gps(min(nextFix, nextIMU))
            if nextFix <= nextIMU {
                event = .fix(fix(at: nextFix, rng: &rng))
                k += 1
                nextFix = Double(k) * fixStep
            } else {
                event = .imu(imuSample(at: nextIMU, rng: &imuRNG))
                j += 1
                nextIMU = Double(j) * imuStep
            }
            for action in planner.handle(event) {
                switch action {
                case .fire(let f):
                    fires.append(f)
                    commits.append(eventTime)
                case .paused: pauses += 1
                case .warning: warnings += 1
                case .resumed: break
                }
            }
        }
        let truth = fires.map { f in drive.state(at: Double((f.time - start).nanoseconds) / 1e9) }
        return TriggerRun(
            scenario: self, fires: fires, truth: truth, commitTimes: commits, pauses: pauses, warnings: warnings)
    }

    /// The receiver's solution at drive time `t`: true position, Doppler velocity with white noise.
    func fix(at t: Double, rng: inout SeededGenerator) -> TriggerFix {
        let s = drive.state(at: t)
        let h = s.headingDegrees * .pi / 180
        let v = ENU(
            east: s.speedMetersPerSecond * sin(h) + velocityNoise * rng.gaussian(),
            north: s.speedMetersPerSecond * cos(h) + velocityNoise * rng.gaussian(),
            up: 0)
        return TriggerFix(
            time: gps(t), position: GeodeticPoint(latitude: s.latitude, longitude: s.longitude, height: s.heightMeters),
            velocity: v, horizontalSigmaMeters: 0.02)
    }

    /// The IMU's sample at drive time `t`: forward acceleration and yaw rate with white noise.
    func imuSample(at t: Double, rng: inout SeededGenerator) -> TriggerIMUSample {
        TriggerIMUSample(
            time: gps(t),
            forwardAccelerationMetersPerSecond2: drive.state(at: t).accelerationMetersPerSecond2
                + accelerationNoise * rng.gaussian(),
            yawRateDegreesPerSecond: yawRate(at: t) + yawRateNoise * rng.gaussian())
    }

    /// True yaw rate (counter-clockwise positive, degrees/s) from the drive's heading, by central difference.
    func yawRate(at t: Double) -> Double {
        let h = 0.002
        var d = drive.state(at: t + h).headingDegrees - drive.state(at: max(0, t - h)).headingDegrees
        if d > 180 { d -= 360 }
        if d < -180 { d += 360 }
        return -d / (t - h < 0 ? t + h : 2 * h)
    }

    func gps(_ seconds: Double) -> GPSTime { start + .nanoseconds(Int64((seconds * 1e9).rounded())) }
}
