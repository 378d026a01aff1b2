public import TaktCore

/// Runs a `PPSClockSimulation` through a `ClockModel` and measures the mapping error against the truth, the σ
/// coverage, and the same figures for a naive peer ("last raw PPS edge + nominal 1 s", no drift, no rejection).
public struct PPSClockEvaluation: Sendable, Codable, Hashable {
    /// Error statistics over a set of samples, ns.
    public struct Errors: Sendable, Codable, Hashable {
        public var count = 0
        public var sumSquares = 0.0
        public var maxAbs = 0.0
        public var rms: Double { count > 0 ? (sumSquares / Double(count)).squareRoot() : 0 }
        public init() {}
        public mutating func add(_ e: Double) {
            count += 1
            sumSquares += e * e
            maxAbs = max(maxAbs, abs(e))
        }
        public mutating func merge(_ o: Errors) {
            count += o.count
            sumSquares += o.sumSquares
            maxAbs = max(maxAbs, o.maxAbs)
        }
    }

    /// Samples whose |error| ≤ k·σ, for k = 1, 2, 3.
    public struct Coverage: Sendable, Codable, Hashable {
        public var count = 0
        public var within1 = 0
        public var within2 = 0
        public var within3 = 0
        public init() {}
        public mutating func add(error: Double, sigma: Double) {
            count += 1
            if abs(error) <= sigma { within1 += 1 }
            if abs(error) <= 2 * sigma { within2 += 1 }
            if abs(error) <= 3 * sigma { within3 += 1 }
        }
        public mutating func merge(_ o: Coverage) {
            count += o.count
            within1 += o.within1
            within2 += o.within2
            within3 += o.within3
        }
        public func percent(_ n: Int) -> Double { count > 0 ? 100 * Double(n) / Double(count) : 0 }
    }

    public var locked = Errors()
    public var holdover = Errors()
    /// Errors at the last instant of each 60 s gap.
    public var holdoverAtGapEnd = Errors()
    /// σ the model stated at those instants (max), ns.
    public var holdoverSigmaAtGapEndMax = 0.0
    public var coverage = Coverage()
    public var naiveLocked = Errors()
    public var naiveAtGapEnd = Errors()
    /// A 120-edge sliding least-squares fit with MAD rejection (the §2.6 recipe), same samples.
    public var windowLocked = Errors()
    public var windowAtGapEnd = Errors()
    public var messageOnlySamples = 0
    public var hostOnlySamples = 0
    public var secondsToFirstLock: Double?
    public var locksAcquired = 0
    public var relocks = 0
    public var lockLosses = 0
    public var stepsDetected = 0
    public var counters = ClockCounters()

    public init() {}

    public init(simulation: PPSClockSimulation, configuration: ClockModel.Configuration) {
        var model = ClockModel(configuration: configuration)
        var naive: (host: Int64, label: Int64)?
        var windowPeer = WindowedLeastSquaresPeer(window: 120)
        let start = simulation.items.first?.host.nanoseconds ?? 0
        for item in simulation.items {
            switch item {
            case .event(let event):
                for action in model.handle(event) { note(action, start: start) }
            case .rawEdge(let host, let label):
                naive = (host.nanoseconds, label.nanosecondsSinceEpoch)
                windowPeer.add(
                    host: host.nanoseconds - simulation.scenario.cableDelayNanoseconds,
                    label: label.nanosecondsSinceEpoch
                )
            case .query(let host, let truth, let holdoverCheck):
                let stamp = model.convert(host)
                let error = Double(stamp.gps.nanosecondsSinceEpoch - truth.nanosecondsSinceEpoch)
                let naiveError = naive.map { n in
                    Double(n.label + (host.nanoseconds - n.host) - truth.nanosecondsSinceEpoch)
                }
                let windowError = windowPeer.gps(at: host.nanoseconds).map { Double($0 - truth.nanosecondsSinceEpoch) }
                switch stamp.provenance {
                case .ppsLocked:
                    locked.add(error)
                    if let n = naiveError { naiveLocked.add(n) }
                    if let w = windowError { windowLocked.add(w) }
                case .ppsHoldover:
                    holdover.add(error)
                case .gnssMessageOnly: messageOnlySamples += 1
                case .hostOnly: hostOnlySamples += 1
                }
                if stamp.provenance <= .ppsHoldover { coverage.add(error: error, sigma: stamp.sigmaNanoseconds) }
                if holdoverCheck, stamp.provenance == .ppsHoldover {
                    holdoverAtGapEnd.add(error)
                    holdoverSigmaAtGapEndMax = max(holdoverSigmaAtGapEndMax, stamp.sigmaNanoseconds)
                    if let n = naiveError { naiveAtGapEnd.add(n) }
                    if let w = windowError { windowAtGapEnd.add(w) }
                }
            }
        }
        counters = model.state(at: simulation.items.last?.host ?? MonotonicInstant(nanoseconds: 0)).counters
    }

    private mutating func note(_ action: ClockModelAction, start: Int64) {
        switch action {
        case .lockAcquired(let at, _):
            locksAcquired += 1
            if secondsToFirstLock == nil { secondsToFirstLock = Double(at.nanoseconds - start) / 1e9 }
        case .relocked: relocks += 1
        case .lockLost: lockLosses += 1
        case .stepDetected: stepsDetected += 1
        case .edgeRejected, .labelRejected, .leapSecondsChanged: break
        }
    }

    /// Pools several runs (e.g. seeds).
    public mutating func merge(_ o: PPSClockEvaluation) {
        locked.merge(o.locked)
        holdover.merge(o.holdover)
        holdoverAtGapEnd.merge(o.holdoverAtGapEnd)
        holdoverSigmaAtGapEndMax = max(holdoverSigmaAtGapEndMax, o.holdoverSigmaAtGapEndMax)
        coverage.merge(o.coverage)
        naiveLocked.merge(o.naiveLocked)
        naiveAtGapEnd.merge(o.naiveAtGapEnd)
        windowLocked.merge(o.windowLocked)
        windowAtGapEnd.merge(o.windowAtGapEnd)
        messageOnlySamples += o.messageOnlySamples
        hostOnlySamples += o.hostOnlySamples
        if let s = o.secondsToFirstLock { secondsToFirstLock = max(secondsToFirstLock ?? 0, s) }
        locksAcquired += o.locksAcquired
        relocks += o.relocks
        lockLosses += o.lockLosses
        stepsDetected += o.stepsDetected
        counters.edgesUsed += o.counters.edgesUsed
        counters.outliersRejected += o.counters.outliersRejected
        counters.edgesRejected += o.counters.edgesRejected
        counters.labelsRejected += o.counters.labelsRejected
        counters.stepsDetected += o.counters.stepsDetected
    }
}
