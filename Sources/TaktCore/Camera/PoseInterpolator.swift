/// The pose at an exposure instant from a short history of navigation solutions.
///
/// Position is a cubic Hermite between the bracketing samples when both carry velocity (exact for constant
/// acceleration, and it keeps the curve through a corner), linear otherwise; velocity and attitude are linear,
/// angles the short way round. A short extrapolation past either end is allowed, with the accuracy widened by
/// a worst-case acceleration, so an exposure just after the last fix is not lost.
public struct PoseInterpolator: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// History kept, newest last.
        public var capacity = 4_096
        /// Furthest beyond the first/last sample a pose is still given.
        public var maximumExtrapolation: Duration = .milliseconds(250)
        /// Acceleration assumed when widening σ for extrapolation, m/s².
        public var worstAcceleration = 3.0
        /// Below this speed the course over ground is noise and no heading is derived from it.
        public var minimumCourseSpeed = 1.0
        public init() {}
    }

    let configuration: Configuration
    private(set) var samples: [PoseSample] = []

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Adds a sample; out-of-order or repeated times are dropped (returns false).
    @discardableResult
    public mutating func append(_ s: PoseSample) -> Bool {
        if let last = samples.last, s.time <= last.time { return false }
        samples.append(s)
        if samples.count > configuration.capacity { samples.removeFirst(samples.count - configuration.capacity) }
        return true
    }

    public func pose(at t: GPSTime) -> InterpolatedPose? {
        guard let first = samples.first, let last = samples.last else { return nil }
        if t <= first.time { return extrapolate(first, to: t) }
        if t >= last.time { return extrapolate(last, to: t) }
        var lo = 0
        var hi = samples.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if samples[mid].time <= t { lo = mid } else { hi = mid }
        }
        return interpolate(samples[lo], samples[hi], at: t)
    }

    private func seconds(_ d: Duration) -> Double { Double(d.nanoseconds) / 1e9 }

    private func interpolate(_ a: PoseSample, _ b: PoseSample, at t: GPSTime) -> InterpolatedPose {
        let h = seconds(b.time - a.time)
        let s = h > 0 ? seconds(t - a.time) / h : 0
        let plane = LocalTangentPlane(origin: a.position)
        let pb = plane.enu(of: b.position)
        let p: ENU
        if let va = a.velocity, let vb = b.velocity {
            let s2 = s * s
            let s3 = s2 * s
            let h10 = (s3 - 2 * s2 + s) * h
            let h01 = -2 * s3 + 3 * s2
            let h11 = (s3 - s2) * h
            p = h10 * va + h01 * pb + h11 * vb
        } else {
            p = s * pb
        }
        var velocity: ENU?
        if let va = a.velocity, let vb = b.velocity { velocity = va + s * (vb - va) }
        var pose = InterpolatedPose(
            time: t, position: plane.geodetic(of: p), velocity: velocity,
            horizontalSigmaMeters: lerp(a.horizontalSigmaMeters, b.horizontalSigmaMeters, s),
            verticalSigmaMeters: lerp(a.verticalSigmaMeters, b.verticalSigmaMeters, s),
            attitudeSigmaDegrees: lerp(a.attitudeSigmaDegrees, b.attitudeSigmaDegrees, s), extrapolationSeconds: 0
        )
        if let aa = a.attitude, let ab = b.attitude {
            pose.headingDegrees = wrap(aa.yaw + s * Trig.angleDifference(ab.yaw, aa.yaw))
            pose.pitchDegrees = aa.pitch + s * (ab.pitch - aa.pitch)
            pose.rollDegrees = aa.roll + s * (ab.roll - aa.roll)
            pose.headingSource = "attitude"
        } else {
            applyCourse(&pose)
        }
        return pose
    }

    private func extrapolate(_ a: PoseSample, to t: GPSTime) -> InterpolatedPose? {
        let dt = seconds(t - a.time)
        guard abs(dt) <= seconds(configuration.maximumExtrapolation) else { return nil }
        let plane = LocalTangentPlane(origin: a.position)
        let widen = 0.5 * configuration.worstAcceleration * dt * dt
        var pose = InterpolatedPose(
            time: t, position: plane.geodetic(of: dt * (a.velocity ?? .zero)), velocity: a.velocity,
            horizontalSigmaMeters: a.horizontalSigmaMeters.map { $0 + widen },
            verticalSigmaMeters: a.verticalSigmaMeters.map { $0 + widen },
            attitudeSigmaDegrees: a.attitudeSigmaDegrees, extrapolationSeconds: abs(dt)
        )
        if let att = a.attitude {
            pose.headingDegrees = att.yaw
            pose.pitchDegrees = att.pitch
            pose.rollDegrees = att.roll
            pose.headingSource = "attitude"
        } else {
            applyCourse(&pose)
        }
        return pose
    }

    private func applyCourse(_ pose: inout InterpolatedPose) {
        guard let v = pose.velocity, v.horizontalNorm >= configuration.minimumCourseSpeed else { return }
        pose.headingDegrees = Trig.heading(east: v.east, north: v.north)
        pose.headingSource = "course"
    }

    private func lerp(_ a: Double?, _ b: Double?, _ s: Double) -> Double? {
        guard let a, let b else { return a ?? b }
        return a + s * (b - a)
    }

    private func wrap(_ d: Double) -> Double {
        var x = d.truncatingRemainder(dividingBy: 360)
        if x < 0 { x += 360 }
        return x
    }
}
