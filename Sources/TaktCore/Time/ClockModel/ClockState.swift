/// A snapshot of the clock model for `takt status` and the MCAP timeline: what the time base is, how good it is,
/// and what was dropped. Plain numbers and strings so it encodes to JSON as is.
public struct ClockState: Hashable, Sendable, Codable {
    public enum Phase: String, Hashable, Sendable, Codable {
        case unsynced, acquiring, locked, holdover, relocking
    }

    public enum LeapSecondSource: String, Hashable, Sendable, Codable {
        case receiver, fallback
    }

    public var phase: Phase
    /// Provenance a stamp taken now would get.
    public var provenance: TimeProvenance
    public var locked: Bool
    public var ppsSource: PPSSourceKind?
    public var labelSource: PPSLabelSource?
    /// GPS − host at `now`, ns (nil without a PPS fit).
    public var offsetNanoseconds: Int64?
    /// Host oscillator error, ppm; positive when the host clock runs fast.
    public var hostDriftPPM: Double?
    /// Measured one-sigma edge jitter (1.4826·MAD of residuals), ns.
    public var jitterNanoseconds: Double?
    /// RMS of the residuals of accepted edges, ns.
    public var residualRMSNanoseconds: Double?
    /// One-sigma uncertainty of a stamp taken now, ns.
    public var sigmaNanoseconds: Double
    /// Seconds since the last good edge while in holdover or relocking.
    public var holdoverSeconds: Double?
    public var lastEdgeAgeSeconds: Double?
    public var counters: ClockCounters
    /// GPS − UTC in use.
    public var leapSeconds: Int
    public var leapSecondsSource: LeapSecondSource
}

extension ClockModel {
    /// The snapshot as of host instant `now` (ages and σ depend on it).
    public func state(at now: MonotonicInstant) -> ClockState {
        let stamp = convert(now)
        let phase: ClockState.Phase
        var holdover: Double?
        switch state {
        case .unsynced: phase = .unsynced
        case .acquiring: phase = .acquiring
        case .locked: phase = .locked
        case .holdover(let since):
            phase = .holdover
            holdover = now.seconds(since: since)
        case .relocking(let start, _, _):
            phase = .relocking
            holdover = now.seconds(since: start)
        }
        let offset = filter.map { fit in
            fit.baseOffset &+ Int64(saturating: fit.predict(at: now).offset)
        }
        return ClockState(
            phase: phase,
            provenance: stamp.provenance,
            locked: phase == .locked,
            ppsSource: lastEdgeSource,
            labelSource: lastLabelSource,
            offsetNanoseconds: offset,
            hostDriftPPM: filter.map { -$0.frequency / 1_000 },
            jitterNanoseconds: residualScale.sigma(minimumCount: 16),
            residualRMSNanoseconds: acceptedResiduals.rms,
            sigmaNanoseconds: stamp.sigmaNanoseconds,
            holdoverSeconds: holdover,
            lastEdgeAgeSeconds: lastGoodEdge.map { now.seconds(since: $0) },
            counters: counters,
            leapSeconds: leapSeconds,
            leapSecondsSource: leapSecondsFromReceiver ? .receiver : .fallback
        )
    }
}
