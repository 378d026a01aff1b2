/// The planner's picture of the vehicle along its path: distance driven, speed and along-track acceleration at
/// the latest update, plus the last fix for positions. Distance integrates speed (trapezoid between fixes, which
/// is exact for constant acceleration and follows corners that a chord between fixes would cut); an odometer,
/// when present, replaces it. IMU samples propagate the state between fixes.
struct PathKinematics: Sendable {
    struct Source: Sendable {
        var last: GPSTime?
        var interval: Duration?

        mutating func seen(_ t: GPSTime) {
            if let last, t > last {
                let gap = t - last
                if let i = interval {
                    interval = .nanoseconds((i.nanoseconds * 4 + gap.nanoseconds) / 5)
                } else {
                    interval = gap
                }
            }
            last = t
        }

        func active(at now: GPSTime, within limit: Duration) -> Bool {
            guard let last else { return false }
            return now - last <= limit
        }
    }

    struct LastFix: Sendable {
        var time: GPSTime
        var position: GeodeticPoint
        var plane: LocalTangentPlane
        var velocity: ENU?
        var speed: Double
        var distance: Double
    }

    /// State at `time`: the latest update from any source.
    private(set) var time: GPSTime?
    private(set) var distance = 0.0
    private(set) var speed = 0.0
    private(set) var acceleration = 0.0
    private(set) var lastFix: LastFix?
    var fixes = Source()
    var imu = Source()
    var odometer = Source()
    private var imuAcceleration: Double?
    private var odometerLast: OdometerReading?
    private var odometerOffset = 0.0
    /// An IMU or odometer older than this no longer counts as present.
    let presence: Duration = .milliseconds(500)
    /// GNSS speeds below this count as zero: the norm of a noisy velocity at rest is always positive and would
    /// otherwise pile up distance while the vehicle stands (2 cm/s noise ≈ 12 cm over a 5 s stop).
    var speedNoiseFloor = 0.1

    var hasState: Bool { time != nil }

    mutating func accept(_ fix: TriggerFix) -> Bool {
        if let last = lastFix, fix.time <= last.time { return false }
        let plane = LocalTangentPlane(origin: fix.position)
        let measured = fix.velocity.map { v in v.horizontalNorm < speedNoiseFloor ? 0 : v.horizontalNorm }
        var v1 = measured ?? 0
        var d1 = distance
        if let prev = lastFix {
            let dt = Double((fix.time - prev.time).nanoseconds) / 1e9
            let increment: Double
            if let measured, prev.velocity != nil {
                increment = dt * (prev.speed + measured) / 2
            } else {
                let chord = plane.enu(of: prev.position).horizontalNorm
                increment = chord
                if measured == nil { v1 = dt > 0 ? chord / dt : 0 }
            }
            d1 = prev.distance + increment
            if !imu.active(at: fix.time, within: presence) {
                acceleration = dt > 0 ? (v1 - prev.speed) / dt : 0
            }
        }
        lastFix = LastFix(
            time: fix.time, position: fix.position, plane: plane, velocity: fix.velocity, speed: v1, distance: d1
        )
        fixes.seen(fix.time)
        if imu.active(at: fix.time, within: presence), let a = imuAcceleration { acceleration = a }
        guard !odometer.active(at: fix.time, within: presence) else {
            if time == nil { time = fix.time }
            return true
        }
        time = fix.time
        distance = d1
        speed = v1
        return true
    }

    mutating func accept(_ sample: TriggerIMUSample) -> Bool {
        if let last = imu.last, sample.time <= last { return false }
        imu.seen(sample.time)
        let aNew = sample.forwardAccelerationMetersPerSecond2
        imuAcceleration = aNew
        guard let t = time, sample.time >= t else { return false }
        let dt = Double((sample.time - t).nanoseconds) / 1e9
        let vNew = max(0, speed + (acceleration + aNew) / 2 * dt)
        distance += dt * (speed + vNew) / 2
        speed = vNew
        acceleration = aNew
        time = sample.time
        return true
    }

    mutating func accept(_ reading: OdometerReading) -> Bool {
        if let last = odometerLast, reading.time <= last.time { return false }
        if let last = odometerLast {
            let dt = Double((reading.time - last.time).nanoseconds) / 1e9
            let v = dt > 0 ? max(0, (reading.distanceMeters - last.distanceMeters) / dt) : speed
            if !imu.active(at: reading.time, within: presence) { acceleration = dt > 0 ? (v - speed) / dt : 0 }
            speed = v
        } else {
            odometerOffset = distance(at: reading.time) - reading.distanceMeters
        }
        odometerLast = reading
        odometer.seen(reading.time)
        distance = reading.distanceMeters + odometerOffset
        time = reading.time
        return true
    }

    /// No fix nor odometer reading within `limit` of `now`.
    func positionStale(at now: GPSTime, limit: Duration) -> Bool {
        !fixes.active(at: now, within: limit) && !odometer.active(at: now, within: limit)
    }

    /// When the next update is expected: the soonest among the sources still present.
    func nextExpectedUpdate(after now: GPSTime) -> GPSTime? {
        var best: GPSTime?
        for s in [fixes, imu, odometer] {
            guard let last = s.last, let interval = s.interval, s.active(at: now, within: presence) else { continue }
            let next = last + interval
            if best.map({ next < $0 }) ?? true { best = next }
        }
        return best
    }

    private func elapsed(to t: GPSTime) -> Double {
        guard let time else { return 0 }
        return max(0, Double((t - time).nanoseconds) / 1e9)
    }

    /// Seconds until a decelerating vehicle stops, or nil.
    private var secondsToStop: Double? { acceleration < 0 ? speed / -acceleration : nil }

    /// Constant-acceleration extrapolation of the along-path distance, stopping (not reversing) when the
    /// vehicle brakes to rest.
    func distance(at t: GPSTime) -> Double {
        var tau = elapsed(to: t)
        if let stop = secondsToStop { tau = min(tau, stop) }
        return distance + speed * tau + 0.5 * acceleration * tau * tau
    }

    func speed(at t: GPSTime) -> Double {
        var tau = elapsed(to: t)
        if let stop = secondsToStop { tau = min(tau, stop) }
        return max(0, speed + acceleration * tau)
    }

    /// The predicted instant the path reaches `target`; the current time if already past; nil if the vehicle
    /// is not expected to get there (standing, or braking to a stop short of it).
    func crossing(of target: Double) -> GPSTime? {
        guard let time else { return nil }
        let delta = target - distance
        if delta <= 0 { return time }
        let disc = speed * speed + 2 * acceleration * delta
        guard disc >= 0 else { return nil }
        let denominator = speed + disc.squareRoot()
        guard denominator > 1e-9 else { return nil }
        let tau = 2 * delta / denominator
        guard tau.isFinite, tau < 3_600 else { return nil }
        return time + .nanoseconds(Int64((tau * 1e9).rounded()))
    }

    /// Horizontal position extrapolated from the last fix along its velocity, in that fix's tangent plane.
    func planarPosition(at t: GPSTime) -> (fix: LastFix, offset: ENU)? {
        guard let f = lastFix else { return nil }
        let dt = Double((t - f.time).nanoseconds) / 1e9
        return (f, dt * (f.velocity ?? .zero))
    }
}
