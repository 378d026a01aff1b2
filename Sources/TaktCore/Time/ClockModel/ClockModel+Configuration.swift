extension ClockModel {
    /// Tuning of the clock model. The defaults suit a kernel or serial PPS on a TCXO-class host oscillator; the
    /// rig file supplies the cable delay and the leap-second fallback.
    public struct Configuration: Hashable, Sendable, Codable {
        /// PPS cable + receiver delay (rig `ppsCableDelayNanoseconds`): the edge happened this long before its stamp.
        public var ppsCableDelayNanoseconds: Int64
        /// GPS − UTC until the receiver reports it (rig `time.leapSecondsFallback`, else 18).
        public var leapSecondsFallback: Int
        /// Assumed host-oscillator frequency random walk, ns/s per √s. 1e-9/√s covers a TCXO (≈ 3e-10/√s) plus
        /// a cabin-temperature swing of ±20 ppb per hour, which a random walk must absorb.
        /// Sets how fast the fit forgets and how fast σ grows in holdover; too small a value makes σ dishonest.
        public var frequencyWanderPPBPerRootSecond: Double
        /// Assumed white phase wander of the host clock, ns per √s.
        public var phaseWanderNanosecondsPerRootSecond: Double
        /// Residual gate in units of the predicted residual σ (never below the source's outlier floor).
        public var outlierGateSigmas: Double
        /// Labelled edges in a clean run before the fit starts.
        public var edgesToStart: Int
        /// Accepted edges, counted from the start of a fit, before lock can be declared.
        public var edgesToLock: Int
        /// Lock when σ ≤ this fraction of the measured edge jitter (the fit holds the information of ≳ 1/f² edges).
        public var lockSigmaFractionOfJitter: Double
        /// Lock is always allowed at this σ, ns: with a very clean PPS the oscillator wander, not the jitter, bounds σ.
        public var lockSigmaFloorNanoseconds: Double
        /// Good edges after a gap before `relocked` is declared.
        public var edgesToRelock: Int
        /// Seconds without a good edge before holdover is declared (2.5 s: two consecutive edges missing).
        public var holdoverAfterSeconds: Double
        /// Consecutive rejected edges that agree with each other before a step is declared.
        public var stepEdges: Int
        /// A post-edge label arriving later than this after its edge is rejected (§2.6: 0.9 s).
        public var maximumLabelDelaySeconds: Double
        /// Allowed edge-interval error, ppm of the interval (missed/double edge detection while acquiring).
        public var intervalTolerancePPM: Double
        /// Residuals kept for the jitter estimate (MAD) and the residual RMS.
        public var residualWindow: Int

        public init(
            ppsCableDelayNanoseconds: Int64 = 0,
            leapSecondsFallback: Int = GPSTime.defaultLeapSeconds,
            frequencyWanderPPBPerRootSecond: Double = 1,
            phaseWanderNanosecondsPerRootSecond: Double = 1,
            outlierGateSigmas: Double = 5,
            edgesToStart: Int = 4,
            edgesToLock: Int = 20,
            lockSigmaFractionOfJitter: Double = 0.25,
            lockSigmaFloorNanoseconds: Double = 1_000,
            edgesToRelock: Int = 3,
            holdoverAfterSeconds: Double = 2.5,
            stepEdges: Int = 3,
            maximumLabelDelaySeconds: Double = 0.9,
            intervalTolerancePPM: Double = 200,
            residualWindow: Int = 64
        ) {
            self.ppsCableDelayNanoseconds = ppsCableDelayNanoseconds
            self.leapSecondsFallback = leapSecondsFallback
            self.frequencyWanderPPBPerRootSecond = frequencyWanderPPBPerRootSecond
            self.phaseWanderNanosecondsPerRootSecond = phaseWanderNanosecondsPerRootSecond
            self.outlierGateSigmas = outlierGateSigmas
            self.edgesToStart = max(edgesToStart, 2)
            self.edgesToLock = max(edgesToLock, edgesToStart)
            self.lockSigmaFractionOfJitter = lockSigmaFractionOfJitter
            self.lockSigmaFloorNanoseconds = lockSigmaFloorNanoseconds
            self.edgesToRelock = max(edgesToRelock, 1)
            self.holdoverAfterSeconds = holdoverAfterSeconds
            self.stepEdges = max(stepEdges, 2)
            self.maximumLabelDelaySeconds = maximumLabelDelaySeconds
            self.intervalTolerancePPM = intervalTolerancePPM
            self.residualWindow = residualWindow
        }

        /// Takes the cable delay from the rig's PPS sensor (or the GNSS receiver carrying PPS) and the leap-second
        /// fallback from its time policy.
        public init(rig: RigConfig) {
            let pps = rig.sensors(of: .pps).first { $0.ppsCableDelayNanoseconds != nil }
            let gnss = rig.sensors(of: .gnss).first { $0.ppsCableDelayNanoseconds != nil }
            self.init(
                ppsCableDelayNanoseconds: (pps ?? gnss)?.ppsCableDelayNanoseconds ?? 0,
                leapSecondsFallback: rig.time?.leapSecondsFallback ?? GPSTime.defaultLeapSeconds
            )
        }
    }
}
