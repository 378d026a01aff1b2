/// Estimates how far the IMU's time stamps are off from GPS time by comparing motion, not clocks: between two fixes
/// the accelerometer's integral must equal the change of Doppler speed. If the IMU's samples are labelled δ early,
/// the integral runs over a window shifted by δ and differs from the speed change by δ·(a(t₂) − a(t₁)). Every start
/// and every change of braking is such a step in acceleration; regressing the differences on the acceleration
/// steps gives δ.
///
/// Why: `SensorTimeTagMapper` knows the sample phase only to within one sample interval when the IMU samples are
/// locked to the navigation epochs (it reports the middle, σ ≈ Δ/√12). Half an interval at 100 Hz is 5 ms; during
/// braking the spacing error it causes is the speed change between two fires × 5 ms, about a centimetre. The
/// motion pins it down to well under a millisecond within a few stops.
struct IMUTimeOffset: Sendable {
    struct Sample: Sendable {
        var time: GPSTime
        /// ∫ a dt since the first sample, m/s (trapezoid).
        var integral: Double
        var acceleration: Double
    }

    struct Resolved: Sendable {
        var speed: Double
        var integral: Double
        var acceleration: Double
    }

    /// Largest offset believed: beyond it the tag mapping itself is wrong, which this must not paper over.
    let limit = 0.02
    /// Pairs below this speed are skipped: the receiver's speed floor (0.1 m/s) and a creeping start bias them.
    let minimumSpeed = 0.5
    /// Prior weight (m²/s⁴): the estimate is shrunk towards 0 as if this much Σ Δa² had already said "no offset".
    /// It is (σ of one difference / σ of the prior)², with the difference's noise √2 × the Doppler speed σ and the
    /// prior the tag mapping's own σ — so a stamp that is right is barely moved by noise, and a wrong one is
    /// pulled over once the motion outweighs the prior.
    var priorWeight: Double
    /// Forgetting per resolved fix: a memory of ~5 000 fixes (8 min at 10 Hz), long enough to average the Doppler
    /// noise over many stops, short enough to follow a receiver restart.
    let forgetting = 0.9998

    init(dopplerSpeedSigma: Double = 0.03, timeSigma: Double = 0.003) {
        let differenceSigma = 2.0.squareRoot() * dopplerSpeedSigma
        priorWeight = (differenceSigma / timeSigma) * (differenceSigma / timeSigma)
    }

    private var samples: [Sample] = []
    private var pending: [(time: GPSTime, speed: Double)] = []
    private var previous: Resolved?
    private var sumProduct = 0.0
    private var sumSquares = 0.0
    /// Seconds to add to an IMU sample's time; 0 until there is evidence.
    private(set) var seconds = 0.0

    var offset: Duration { .nanoseconds(Int64((seconds * 1e9).rounded())) }

    /// A raw (unshifted) IMU sample.
    mutating func sample(at time: GPSTime, acceleration a: Double) {
        if let last = samples.last {
            guard time > last.time else { return }
            let dt = Double((time - last.time).nanoseconds) / 1e9
            samples.append(Sample(time: time, integral: last.integral + dt * (last.acceleration + a) / 2, acceleration: a))
        } else {
            samples.append(Sample(time: time, integral: 0, acceleration: a))
        }
        if samples.count > 256 { samples.removeFirst(samples.count - 256) }
        resolve()
    }

    /// A fix's Doppler speed (before the speed floor).
    mutating func fix(at time: GPSTime, speed: Double) {
        pending.append((time, speed))
        if pending.count > 16 { pending.removeFirst(pending.count - 16) }
        resolve()
    }

    /// Fixes the IMU has passed: interpolate the integral at their time, then regress.
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
            let nearby = samples[max(0, after - 2)...min(samples.count - 1, after + 1)].map(\.acceleration)
            let current = Resolved(
                speed: fix.speed, integral: a.integral + f * (b.integral - a.integral),
                acceleration: nearby.reduce(0, +) / Double(nearby.count))
            defer { previous = current }
            guard let p = previous, p.speed >= minimumSpeed, current.speed >= minimumSpeed else { continue }
            let difference = (current.integral - p.integral) - (current.speed - p.speed)
            let step = current.acceleration - p.acceleration
            sumProduct = sumProduct * forgetting + difference * step
            sumSquares = sumSquares * forgetting + step * step
            seconds = min(max(sumProduct / (sumSquares + priorWeight), -limit), limit)
        }
    }
}
