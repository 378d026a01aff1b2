/// A two-state Kalman filter on the host→GPS mapping: offset θ (GPS − host, ns) and frequency f (ns of offset
/// change per host second, i.e. ppb), with a random walk in frequency for oscillator wander.
///
/// Why a Kalman filter rather than a sliding least-squares window: it weights every edge by what it is worth, keeps
/// the frequency through gaps, and its covariance is the σ we publish, growing in holdover as
/// P_θθ + 2P_θf·Δt + P_ff·Δt² + q_f·Δt³/3 (the "σ₀ + frequency error·Δt + wander" of protocols.md §2.6) without a
/// separate rule. The offset is split into an integer base and a small Double so nanoseconds survive at 1.4e18.
struct OffsetDriftFilter: Hashable, Sendable {
    /// Integer part of the offset, ns; the filter's θ is relative to it.
    private(set) var baseOffset: Int64
    /// Offset relative to `baseOffset` at `reference`, ns.
    private(set) var theta: Double
    /// Offset change per host second, ns/s. −20 000 means the host runs 20 ppm fast.
    private(set) var frequency: Double
    /// Host instant the state refers to.
    private(set) var reference: MonotonicInstant
    private(set) var pThetaTheta: Double
    private(set) var pThetaFrequency: Double
    private(set) var pFrequencyFrequency: Double
    /// Frequency random-walk density, (ns/s)²/s.
    var frequencyWander: Double
    /// Phase random-walk density of the host clock, ns²/s.
    var phaseWander: Double

    /// Least-squares start from a clean run of edges: `points` are (host, GPS − host) with a common variance.
    init?(
        points: [(host: MonotonicInstant, offset: Int64)],
        variance: Double,
        frequencyWander: Double,
        phaseWander: Double,
        priorFrequency: (value: Double, variance: Double)? = nil
    ) {
        guard let last = points.last else { return nil }
        self.baseOffset = last.offset
        self.reference = last.host
        self.frequencyWander = frequencyWander
        self.phaseWander = phaseWander
        let t = points.map { Double($0.host.nanoseconds - last.host.nanoseconds) / 1e9 }
        let z = points.map { Double($0.offset - last.offset) }
        let n = Double(points.count)
        let tMean = t.reduce(0, +) / n
        let zMean = z.reduce(0, +) / n
        let sxx = t.reduce(0) { $0 + ($1 - tMean) * ($1 - tMean) }
        if let prior = priorFrequency {
            // Offset-only re-start (after a step): keep the frequency, average the offsets along it.
            let zAtLast = zip(t, z).map { $1 - prior.value * $0 }.reduce(0, +) / n
            self.theta = zAtLast
            self.frequency = prior.value
            self.pThetaTheta = variance / n + prior.variance * tMean * tMean
            self.pThetaFrequency = -prior.variance * tMean
            self.pFrequencyFrequency = prior.variance
        } else {
            guard points.count >= 2, sxx > 0 else { return nil }
            let sxz = zip(t, z).reduce(0) { $0 + ($1.0 - tMean) * ($1.1 - zMean) }
            let slope = sxz / sxx
            self.frequency = slope
            self.theta = zMean - slope * tMean
            self.pThetaTheta = variance * (1 / n + tMean * tMean / sxx)
            self.pThetaFrequency = -variance * tMean / sxx
            self.pFrequencyFrequency = variance / sxx
        }
        rebase()
    }

    /// Offset (relative to `baseOffset`) and its variance at `host`, without changing the state.
    func predict(at host: MonotonicInstant) -> (offset: Double, variance: Double) {
        let dt = Double(host.nanoseconds &- reference.nanoseconds) / 1e9
        let a = abs(dt)
        let variance =
            pThetaTheta + 2 * dt * pThetaFrequency + dt * dt * pFrequencyFrequency
            + frequencyWander * a * a * a / 3 + phaseWander * a
        return (theta + frequency * dt, max(variance, 0))
    }

    /// Offset relative to the base as the filter would see a measurement taken at `host`.
    func relative(_ offset: Int64, fraction: Double = 0) -> Double { Double(offset - baseOffset) + fraction }

    /// Moves the state to `host` (forwards only), adding process noise.
    mutating func propagate(to host: MonotonicInstant) {
        let dt = Double(host.nanoseconds &- reference.nanoseconds) / 1e9
        guard dt > 0 else { return }
        theta += frequency * dt
        let ptt =
            pThetaTheta + 2 * dt * pThetaFrequency + dt * dt * pFrequencyFrequency
            + frequencyWander * dt * dt * dt / 3 + phaseWander * dt
        let ptf = pThetaFrequency + dt * pFrequencyFrequency + frequencyWander * dt * dt / 2
        let pff = pFrequencyFrequency + frequencyWander * dt
        pThetaTheta = ptt
        pThetaFrequency = ptf
        pFrequencyFrequency = pff
        reference = host
    }

    /// Folds in one offset measurement (relative to the base) with variance `r`, taken at `reference`.
    mutating func update(measurement z: Double, variance r: Double) {
        let s = pThetaTheta + r
        guard s > 0 else { return }
        let kTheta = pThetaTheta / s
        let kFrequency = pThetaFrequency / s
        let innovation = z - theta
        theta += kTheta * innovation
        frequency += kFrequency * innovation
        let ptt = (1 - kTheta) * pThetaTheta
        let ptf = (1 - kTheta) * pThetaFrequency
        let pff = pFrequencyFrequency - kFrequency * pThetaFrequency
        pThetaTheta = ptt
        pThetaFrequency = ptf
        pFrequencyFrequency = max(pff, 0)
        rebase()
    }

    /// Shifts the offset by a whole number of nanoseconds (a detected step) and widens its variance.
    mutating func shift(by nanoseconds: Int64, variance: Double) {
        baseOffset += nanoseconds
        pThetaTheta = variance
        pThetaFrequency = 0
    }

    /// Keeps `theta` small so Double keeps sub-nanosecond resolution over days of tracking.
    private mutating func rebase() {
        let whole = theta.rounded()
        guard whole.isFinite, abs(whole) >= 1, abs(whole) < 1e17 else { return }
        baseOffset &+= Int64(saturating: whole)
        theta -= whole
    }
}
