/// The planner's picture of the vehicle along its path: distance driven, speed and along-track acceleration at
/// the latest update, plus the last fix for positions. Distance integrates speed (trapezoid between fixes, which
/// is exact for constant acceleration and follows corners that a chord between fixes would cut); an odometer,
/// when present, replaces it.
///
/// With an IMU, the state advances with every IMU sample instead: speed comes from `AlongTrackFilter` (the
/// accelerometer predicts, each fix's Doppler speed corrects, at the IMU sample that reaches the fix's time, so a
/// fix that arrives before the IMU burst covering it still lands at its own instant), and the planar position
/// turns with the yaw rate from the last fix instead of running straight along the fix's velocity.
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
    /// IMU fusion: set while IMU samples and fixes with Doppler velocity both arrive.
    private var filter: AlongTrackFilter?
    var filterNoise = AlongTrackFilter.Noise()
    /// A fix's Doppler speed newer than the IMU state, applied when the IMU reaches its time.
    private var pendingSpeed: (time: GPSTime, speed: Double)?
    /// The latest Doppler speed the filter took (0 = the receiver says standing).
    private var lastMeasuredSpeed: Double?
    /// How far the IMU's time stamps are off, learnt from the motion (see `IMUTimeOffset`).
    var imuTime = IMUTimeOffset()
    /// Dead reckoning from the last fix with the IMU's yaw: planar offset and velocity at `time`.
    private var turned: (time: GPSTime, offset: ENU, velocity: ENU)?
    private var odometerLast: OdometerReading?
    private var odometerOffset = 0.0
    /// An IMU or odometer older than this no longer counts as present.
    let presence: Duration = .milliseconds(500)
    /// GNSS speeds below this count as zero: the norm of a noisy velocity at rest is always positive and would
    /// otherwise pile up distance while the vehicle stands (2 cm/s noise ≈ 12 cm over a 5 s stop).
    var speedNoiseFloor = 0.1

    var hasState: Bool { time != nil }

    /// True while the IMU drives the state (see the type's doc).
    var fusing: Bool { filter != nil }
    /// A fix is ahead of the IMU state, waiting for the burst that covers its time.
    var awaitingIMU: Bool { pendingSpeed != nil }

    mutating func accept(_ fix: TriggerFix) -> Bool {
        if let last = lastFix, fix.time <= last.time { return false }
        let plane = LocalTangentPlane(origin: fix.position)
        let measured = fix.velocity.map { v in v.horizontalNorm < speedNoiseFloor ? 0 : v.horizontalNorm }
        if let v = fix.velocity { imuTime.fix(at: fix.time, velocity: v) }
        if let measured, time != nil, imu.active(at: fix.time, within: presence),
            !odometer.active(at: fix.time, within: presence)
        {
            if filter == nil { filter = AlongTrackFilter(speed: speed, noise: filterNoise) }
            if let t = time, fix.time > t {
                // An earlier fix still waiting (its IMU burst never reached its time): better late than lost.
                if let older = pendingSpeed { correct(with: older.speed) }
                pendingSpeed = (fix.time, measured)
            } else {
                correct(with: measured)
            }
            lastFix = LastFix(
                time: fix.time, position: fix.position, plane: plane, velocity: fix.velocity, speed: measured,
                distance: distance(at: fix.time))
            turned = nil
            fixes.seen(fix.time)
            return true
        }
        filter = nil
        pendingSpeed = nil
        turned = nil
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

    mutating func accept(_ raw: TriggerIMUSample) -> Bool {
        if let last = imu.last, raw.time <= last { return false }
        imu.seen(raw.time)
        let aNew = raw.forwardAccelerationMetersPerSecond2
        imuTime.sample(at: raw.time, acceleration: aNew, yawRateDegreesPerSecond: raw.yawRateDegreesPerSecond)
        var sample = raw
        sample.time = raw.time + imuTime.offset
        let previousIMUAcceleration = imuAcceleration
        imuAcceleration = aNew
        guard let t = time, sample.time >= t else { return false }
        let dt = Double((sample.time - t).nanoseconds) / 1e9
        if var f = filter {
            // Trapezoid over the step, as for distance: exact for a ramp, and half right for a step.
            f.predict(acceleration: ((previousIMUAcceleration ?? aNew) + aNew) / 2, dt: dt)
            filter = f
            // Within half a sample interval counts as reached: the newest sample of a burst may sit just before
            // the epoch (tag-mapped times carry up to half an interval of ambiguity).
            let reach = sample.time + .nanoseconds((imu.interval?.nanoseconds ?? 0) / 2)
            if let p = pendingSpeed, p.time <= reach {
                pendingSpeed = nil
                correct(with: p.speed)
            }
            let vNew = standing(filter?.speed ?? 0) ? 0 : max(0, filter?.speed ?? 0)
            distance += dt * (speed + vNew) / 2
            speed = vNew
            let fused = filter?.acceleration(measured: aNew) ?? aNew
            acceleration = vNew == 0 ? max(0, fused) : fused
        } else {
            let vNew = max(0, speed + (acceleration + aNew) / 2 * dt)
            distance += dt * (speed + vNew) / 2
            speed = vNew
            acceleration = aNew
        }
        time = sample.time
        turn(to: sample)
        return true
    }

    /// A Doppler speed into the filter.
    private mutating func correct(with measured: Double) {
        filter?.update(speed: measured)
        lastMeasuredSpeed = measured
        let v = filter?.speed ?? measured
        speed = standing(v) ? 0 : max(0, v)
    }

    /// The receiver last said "standing" and the fused speed has not left the noise: hold at zero, so the
    /// accelerometer's noise does not creep distance during a stop.
    private func standing(_ v: Double) -> Bool {
        lastMeasuredSpeed == 0 && v < speedNoiseFloor
    }

    /// Advances the dead-reckoned planar position to `sample`: the velocity turns by the yaw over the step and
    /// takes the fused speed.
    private mutating func turn(to sample: TriggerIMUSample) {
        guard let fix = lastFix, sample.time > fix.time, let yaw = sample.yawRateDegreesPerSecond,
            let v0 = fix.velocity, v0.horizontalNorm > 0
        else { return }
        let from = turned ?? (fix.time, ENU.zero, ENU(east: v0.east, north: v0.north))
        let step = Double((sample.time - from.time).nanoseconds) / 1e9
        let (s, c) = Trig.sinCos(Trig.radians(yaw) * step)
        let e = from.velocity.east * c - from.velocity.north * s
        let n = from.velocity.east * s + from.velocity.north * c
        let norm = (e * e + n * n).squareRoot()
        let scale = norm > 0 ? speed / norm : 0
        let velocity = ENU(east: e * scale, north: n * scale)
        turned = (sample.time, from.offset + (step / 2) * (from.velocity + velocity), velocity)
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

    /// When the next update is expected: the soonest among the sources still present. IMU samples that arrive in
    /// bursts (one per fix) count as arriving at the fix rate.
    func nextExpectedUpdate(after now: GPSTime, imuInBursts: Bool = false) -> GPSTime? {
        var best: GPSTime?
        var imuSource = imu
        if imuInBursts { imuSource.interval = fixes.interval ?? imu.interval }
        for s in [fixes, imuSource, odometer] {
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

    /// Horizontal position and velocity extrapolated from the last fix, in that fix's tangent plane: along the
    /// IMU-turned path when yaw rates arrived since the fix, else straight along the fix's velocity.
    func planarPosition(at t: GPSTime) -> (fix: LastFix, offset: ENU, velocity: ENU)? {
        guard let f = lastFix else { return nil }
        if let turned {
            let dt = Double((t - turned.time).nanoseconds) / 1e9
            return (f, turned.offset + dt * turned.velocity, turned.velocity)
        }
        let dt = Double((t - f.time).nanoseconds) / 1e9
        let v = f.velocity ?? .zero
        return (f, dt * v, ENU(east: v.east, north: v.north))
    }
}
