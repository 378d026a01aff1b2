extension ExposureReconciler {
    /// Assigns a mark to at most one trigger, or reports why not.
    mutating func accept(_ mark: TimeMark) -> [ExposureAnomaly] {
        if let seen = recentMarks[mark.count] {
            return seen == mark.rising
                ? [.duplicateMark(count: mark.count)] : [.conflictingMark(count: mark.count, time: mark.rising)]
        }
        remember(mark)
        guard let time = mark.rising else {
            // The edge counts; its seq is unknown, so the counter frame shifts by one unexplained edge.
            if let a = anchor { anchor = (mark.count, a.seq) }
            return [.invalidMarkTime(count: mark.count)]
        }
        // Windows sit on the median recent offset and, after a step of the stamps (the clock locking, a message-time
        // estimate jumping), also on the latest one, so one re-acquired mark is enough for the next to fit.
        var centres = [learnedOffset]
        if let last = recentOffsets.last.map(Duration.nanoseconds), last != centres[0] { centres.append(last) }
        func open(within window: Duration) -> [UInt32] {
            pending.filter { _, p in
                p.mark == nil && p.markVerdict == nil
                    && centres.contains { time >= p.expected + $0 - window && time <= p.expected + $0 + window }
            }.keys.sorted()
        }
        var candidates = open(within: configuration.markWindow)
        let byCounter = anchor.map { seq(after: $0.seq, edges: Int(mark.count &- $0.count)) }
        if candidates.isEmpty, let wide = configuration.acquisitionWindow {
            // Timing alone is not trusted this far out: one candidate, and the counter must name it too.
            let wider = open(within: wide)
            if wider.count == 1, byCounter == nil || byCounter == wider[0] { candidates = wider }
        }

        let chosen: UInt32
        var anomalies: [ExposureAnomaly] = []
        if candidates.count == 1 {
            chosen = candidates[0]
        } else if candidates.count > 1, let byCounter, candidates.contains(byCounter) {
            chosen = byCounter
        } else if candidates.isEmpty {
            if let a = anchor { anchor = (mark.count, a.seq) }
            return [.unexpectedMark(count: mark.count, time: time)]
        } else {
            anchor = nil
            return [.ambiguousMark(count: mark.count, time: time, candidates: candidates)]
        }

        if let a = anchor, chosen > a.seq {
            // Edges the counter saw since the anchor, against the triggers that should have made one (those known
            // to have sent no pulse made none).
            let pulsed = edgesExpected(from: a.seq, through: chosen)
            let slip = Int(mark.count &- a.count) - pulsed
            if slip != 0 { anomalies.append(.counterSlip(count: mark.count, seq: chosen, extraEdges: slip)) }
            // Triggers between the anchor and this one got no mark of their own.
            if pulsed > 1 {
                let between = pulsed - 1
                // Counter says every one had an edge (lost), or none did (no edge); a mix cannot be told apart.
                let verdict: MarkStatus = slip == 0 ? .lost : (-slip == between ? .noEdge : .missing)
                for s in (a.seq &+ 1)..<chosen {
                    guard var p = pending[s], p.mark == nil, p.markVerdict == nil else { continue }
                    p.markVerdict = verdict
                    pending[s] = p
                    switch verdict {
                    case .lost: anomalies.append(.markLost(seq: s))
                    case .noEdge: anomalies.append(.noEdge(seq: s))
                    default: anomalies.append(.markMissing(seq: s))
                    }
                }
            }
        }
        if let p = pending[chosen] {
            recentOffsets.append(time.nanosecondsSinceEpoch - p.expected.nanosecondsSinceEpoch)
            if recentOffsets.count > 5 { recentOffsets.removeFirst() }
        }
        pending[chosen]?.mark = mark
        anchor = (mark.count, chosen)
        noPulse = noPulse.filter { $0 > chosen }
        return anomalies
    }

    /// Median of the recent mark offsets (zero before the first assignment).
    var learnedOffset: Duration {
        guard !recentOffsets.isEmpty else { return .zero }
        return .nanoseconds(recentOffsets.sorted()[recentOffsets.count / 2])
    }

    /// The trigger `edges` counter steps after `seq`, stepping over triggers known to have made no edge.
    func seq(after seq: UInt32, edges: Int) -> UInt32 {
        var s = seq
        var left = edges
        while left > 0 {
            s &+= 1
            if !noPulse.contains(s) { left -= 1 }
        }
        return s
    }

    /// How many triggers in `(anchor, chosen]` should have made an edge.
    func edgesExpected(from anchor: UInt32, through chosen: UInt32) -> Int {
        Int(chosen - anchor) - noPulse.filter { $0 > anchor && $0 <= chosen }.count
    }

    private mutating func remember(_ mark: TimeMark) {
        recentMarks[mark.count] = mark.rising
        recentOrder.append(mark.count)
        if recentOrder.count > 256 {
            recentMarks[recentOrder.removeFirst()] = nil
        }
    }

    /// Finalises settled triggers in seq order, stopping at the first unsettled one so records stay ordered.
    mutating func finalise(where settled: (Pending) -> Bool) -> [ExposureOutput] {
        var out: [ExposureOutput] = []
        for seq in pending.keys.sorted() {
            guard let p = pending[seq], settled(p) else { break }
            pending[seq] = nil
            lastFinalised = seq
            out.append(contentsOf: record(seq, p))
        }
        return out
    }

    private func record(_ seq: UInt32, _ p: Pending) -> [ExposureOutput] {
        var out: [ExposureOutput] = []
        let status: MarkStatus
        if p.mark != nil {
            status = .matched
        } else if let v = p.markVerdict {
            status = v
        } else if configuration.marksExpected {
            status = .missing
            out.append(.anomaly(.markMissing(seq: seq)))
        } else {
            status = .notExpected
        }
        if p.image == nil, !p.failed { out.append(.anomaly(.imageMissing(seq: seq))) }
        let exposure: StampedTime
        let source: ExposureTimeSource
        if let m = p.mark, let t = m.rising {
            // The receiver's own GNSS time, no host clock in between: the best class the timeline knows.
            exposure = StampedTime(gps: t, provenance: .ppsLocked, sigmaNanoseconds: max(1, m.accuracyNanoseconds))
            source = .eventMark
        } else if let d = p.image?.deviceReported {
            exposure = d
            source = .deviceReported
        } else {
            let s = configuration.commandLatencySigmaNanoseconds
            let sigma = (p.command.sigmaNanoseconds * p.command.sigmaNanoseconds + s * s).squareRoot()
            exposure = StampedTime(gps: p.expected, provenance: p.command.provenance, sigmaNanoseconds: sigma)
            source = .commandLatency
        }
        let r = ExposureRecord(
            seq: seq, commandTime: p.command, exposureTime: exposure, source: source, markStatus: status,
            markCount: p.mark?.count, imageFile: p.image?.file
        )
        out.insert(.record(r), at: 0)
        return out
    }
}
