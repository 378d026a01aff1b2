/// Estimates how far the IMU's time stamps are off from GPS time by comparing motion, not clocks. Between two fixes
/// the accelerometer's integral must equal the change of Doppler speed, and the gyro's yaw integral the change of
/// course. If the IMU's samples are labelled δ early, the integrals run over a window shifted by δ and differ from
/// the GNSS changes by δ·(a(t₂) − a(t₁)) and δ·(ω(t₂) − ω(t₁)). Every start, every change of braking and every
/// entry into or exit from a bend is such a step; a weighted regression of the differences on the steps gives δ.
///
/// Why: `SensorTimeTagMapper` knows the sample phase only to within one sample interval when the IMU samples are
/// locked to the navigation epochs (it reports the middle, σ ≈ Δ/√12). Half an interval at 100 Hz is 5 ms; during
/// braking the spacing error it causes is the speed change between two fires × 5 ms, about a centimetre.
///
/// Each pair is weighted by the inverse variance of its difference (Doppler noise: √2·σᵥ for speed, √2·σᵥ/v for
/// course), and the estimate is shrunk towards 0 by a prior of the tag mapping's own σ: a stamp that is right is
/// barely moved by noise, a wrong one is pulled over once the motion outweighs the prior.
struct IMUTimeOffset: Sendable {
    struct Sample: Sendable {
        var time: GPSTime
        /// ∫ a dt (m/s) and ∫ ω dt (rad, counter-clockwise) since the first sample (trapezoid).
        var speedIntegral: Double
        var yawIntegral: Double
        var acceleration: Double
        var yawRate: Double?
    }

    struct Resolved: Sendable {
        var speed: Double
        /// Course over ground, radians counter-clockwise from east; nil when too slow to have one.
        var course: Double?
        var speedIntegral: Double
        var yawIntegral: Double
        var acceleration: Double
        var yawRate: Double?
    }

    /// Largest offset believed: beyond it the tag mapping itself is wrong, which this must not paper over.
    let limit = 0.02
    /// Speed pairs below this are skipped: the receiver's speed floor and the bias of |v| at rest.
    let minimumSpeed = 0.5
    /// Course pairs below this are skipped: course noise grows as σᵥ/v.
    let minimumCourseSpeed = 3.0
    /// Forgetting per resolved pair: a memory of ~5 000 fixes (8 min at 10 Hz), long enough to average the
    /// Doppler noise, short enough to follow a receiver restart.
    let forgetting = 0.9998
    let dopplerSpeedSigma: Double
    let priorWeight: Double

    init(dopplerSpeedSigma: Double = 0.03, timeSigma: Double = 0.003) {
        self.dopplerSpeedSigma = dopplerSpeedSigma
        priorWeight = 1 / (timeSigma * timeSigma)
    }

    private var samples: [Sample] = []
    private var pending: [(time: GPSTime, velocity: ENU)] = []
    private var previous: Resolved?
    private var sumProduct = 0.0
    private var sumSquares = 0.0
    /// Pairs left out as not explainable by a timing offset.
    private(set) var outliers = 0
    /// Seconds to add to an IMU sample's time; 0 until there is evidence.
    private(set) var seconds = 0.0

    var offset: Duration { .nanoseconds(Int64((seconds * 1e9).rounded())) }

    /// A raw (unshifted) IMU sample; yaw rate in degrees/s, counter-clockwise.
    mutating func sample(at time: GPSTime, acceleration a: Double, yawRateDegreesPerSecond: Double?) {
        let w = yawRateDegreesPerSecond.map(Trig.radians)
        if let last = samples.last {
            guard time > last.time else { return }
            let dt = Double((time - last.time).nanoseconds) / 1e9
            let dYaw = dt * ((last.yawRate ?? 0) + (w ?? 0)) / 2
            samples.append(
                Sample(
                    time: time, speedIntegral: last.speedIntegral + dt * (last.acceleration + a) / 2,
                    yawIntegral: last.yawIntegral + dYaw, acceleration: a, yawRate: w))
        } else {
            samples.append(Sample(time: time, speedIntegral: 0, yawIntegral: 0, acceleration: a, yawRate: w))
        }
        if samples.count > 256 { samples.removeFirst(samples.count - 256) }
        resolve()
    }

    /// A fix's Doppler velocity (before any speed floor).
    mutating func fix(at time: GPSTime, velocity: ENU) {
        pending.append((time, velocity))
        if pending.count > 16 { pending.removeFirst(pending.count - 16) }
        resolve()
    }

    /// Fixes the IMU has passed: interpolate the integrals at their time, then regress.
    private mutating func resolve() {
        while let fix = pending.first, let last = samples.last, last.time >= fix.time {
            pending.removeFirst()
            guard let after = samples.firstIndex(where: { $0.time >= fix.time }), after > 0 else {
                previous = nil
                continue
            }
            let a = samples[after - 1]
            let b = samples[after]
            let span = Double((b.time - a.time).nanoseconds)
            let f = span > 0 ? Double((fix.time - a.time).nanoseconds) / span : 0
            let nearby = samples[max(0, after - 2)...min(samples.count - 1, after + 1)]
            let speed = fix.velocity.horizontalNorm
            let rates = nearby.compactMap(\.yawRate)
            let current = Resolved(
                speed: speed,
                course: speed >= minimumCourseSpeed ? WGS84.atan2(fix.velocity.north, fix.velocity.east) : nil,
                speedIntegral: a.speedIntegral + f * (b.speedIntegral - a.speedIntegral),
                yawIntegral: a.yawIntegral + f * (b.yawIntegral - a.yawIntegral),
                acceleration: nearby.map(\.acceleration).reduce(0, +) / Double(nearby.count),
                yawRate: rates.count == nearby.count ? rates.reduce(0, +) / Double(rates.count) : nil)
            defer { previous = current }
            guard let p = previous else { continue }
            let variance = 2 * dopplerSpeedSigma * dopplerSpeedSigma
            if p.speed >= minimumSpeed, current.speed >= minimumSpeed {
                let difference = (current.speedIntegral - p.speedIntegral) - (current.speed - p.speed)
                add(difference: difference, step: current.acceleration - p.acceleration, variance: variance)
            }
            if let c1 = p.course, let c2 = current.course, let w1 = p.yawRate, let w2 = current.yawRate {
                var turn = c2 - c1
                if turn > .pi { turn -= 2 * .pi }
                if turn < -.pi { turn += 2 * .pi }
                let v = min(p.speed, current.speed)
                let difference = (current.yawIntegral - p.yawIntegral) - turn
                add(difference: difference, step: w2 - w1, variance: variance / (v * v))
            }
            seconds = min(max(sumProduct / (sumSquares + priorWeight), -limit), limit)
        }
    }

    /// A pair whose difference no offset within `limit` could explain (beyond 5 σ of noise) is not timing: a
    /// wheel-slip, a heading jump the IMU missed, a bad fix. It is left out rather than allowed to drag δ.
    private mutating func add(difference: Double, step: Double, variance: Double) {
        guard abs(difference) <= limit * abs(step) + 5 * variance.squareRoot() else {
            outliers += 1
            return
        }
        sumProduct = sumProduct * forgetting + difference * step / variance
        sumSquares = sumSquares * forgetting + step * step / variance
    }
}
