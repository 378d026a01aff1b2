/// The parameters of a simulated PPS + host-clock run, with the acceptance scenario as the default.
public struct PPSClockScenario: Sendable, Hashable, Codable {
    public var seconds: Int
    /// One-sigma Gaussian jitter of each edge stamp, ns.
    public var jitterNanoseconds: Double
    /// Static host oscillator error, ppm (positive: host runs fast).
    public var driftPPM: Double
    /// Frequency random walk of the host oscillator, ppb per √s.
    public var wanderPPBPerRootSecond: Double
    /// Temperature-like sinusoidal frequency wander: amplitude (ppb) and period (s).
    public var temperatureAmplitudePPB: Double
    public var temperaturePeriodSeconds: Double
    /// Fraction of edges displaced by a uniform error in ±`outlierMagnitudeNanoseconds`.
    public var outlierFraction: Double
    public var outlierMagnitudeNanoseconds: Double
    /// PPS gaps: `gapSeconds` without edges every `gapEverySeconds`, the first after `firstGapAfterSeconds`.
    public var gapSeconds: Int
    public var gapEverySeconds: Int
    public var firstGapAfterSeconds: Int
    /// Cable + receiver delay added to every stamp (the model is told the same value).
    public var cableDelayNanoseconds: Int64
    /// Random query instants per second at which the model's mapping is compared with the truth.
    public var queriesPerSecond: Int

    public init(
        seconds: Int = 7_200,
        jitterNanoseconds: Double = 5_000,
        driftPPM: Double = 20,
        wanderPPBPerRootSecond: Double = 0.3,
        temperatureAmplitudePPB: Double = 20,
        temperaturePeriodSeconds: Double = 3_600,
        outlierFraction: Double = 0.01,
        outlierMagnitudeNanoseconds: Double = 1_000_000,
        gapSeconds: Int = 60,
        gapEverySeconds: Int = 600,
        firstGapAfterSeconds: Int = 300,
        cableDelayNanoseconds: Int64 = 150,
        queriesPerSecond: Int = 4
    ) {
        self.seconds = seconds
        self.jitterNanoseconds = jitterNanoseconds
        self.driftPPM = driftPPM
        self.wanderPPBPerRootSecond = wanderPPBPerRootSecond
        self.temperatureAmplitudePPB = temperatureAmplitudePPB
        self.temperaturePeriodSeconds = temperaturePeriodSeconds
        self.outlierFraction = outlierFraction
        self.outlierMagnitudeNanoseconds = outlierMagnitudeNanoseconds
        self.gapSeconds = gapSeconds
        self.gapEverySeconds = gapEverySeconds
        self.firstGapAfterSeconds = firstGapAfterSeconds
        self.cableDelayNanoseconds = cableDelayNanoseconds
        self.queriesPerSecond = queriesPerSecond
    }

    /// Whether GPS second `k` (from the start of the run) falls in a PPS gap.
    public func inGap(_ k: Int) -> Bool {
        guard gapSeconds > 0, gapEverySeconds > 0, k >= firstGapAfterSeconds else { return false }
        return (k - firstGapAfterSeconds) % gapEverySeconds < gapSeconds
    }

    /// Whether second `k` is the last whole second of a gap (its end is the "60 s holdover" check point).
    public func isLastSecondOfGap(_ k: Int) -> Bool { inGap(k) && !inGap(k + 1) }
}
