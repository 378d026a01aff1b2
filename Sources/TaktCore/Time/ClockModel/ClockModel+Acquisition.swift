extension ClockModel {
    /// Builds a clean run of labelled edges (each a whole number of seconds after the last, within 200 ppm) and
    /// starts the Kalman fit from a least-squares line through it. A glitch cannot poison the run: it fails the
    /// interval test, and if the *first* edge was the glitch, the edges after it form their own clean streak and
    /// replace the run.
    mutating func acquire(_ point: LabelledEdge, edge: SeenEdge, into actions: inout [ClockModelAction]) {
        if state == .unsynced { state = .acquiring }
        if let last = run.last {
            guard isClean(from: last, to: point, edge: edge) else {
                reject(edgeAt: edge.raw, .irregularInterval, into: &actions)
                if let tail = streak.last, !isClean(from: tail, to: point, edge: edge) { streak.removeAll() }
                streak.append(point)
                if streak.count >= configuration.stepEdges {
                    run = streak
                    streak.removeAll()
                }
                return
            }
        }
        streak.removeAll()
        run.append(point)
        guard run.count >= configuration.edgesToStart else { return }
        let sigma = edgeSigma(source: edge.source, precision: edge.precisionNanoseconds)
        guard
            let fit = OffsetDriftFilter(
                points: run.map { ($0.host, $0.offset &+ Int64(saturating: $0.fraction)) },
                variance: sigma * sigma,
                frequencyWander: pow2(configuration.frequencyWanderPPBPerRootSecond),
                phaseWander: pow2(configuration.phaseWanderNanosecondsPerRootSecond)
            )
        else { return }
        filter = fit
        counters.edgesUsed += run.count
        acceptedSinceStart = run.count
        lastGoodEdge = point.host
        run.removeAll()
    }

    func isClean(from a: LabelledEdge, to b: LabelledEdge, edge: SeenEdge) -> Bool {
        let n = (b.label - a.label) / Self.second
        guard n >= 1, (b.label - a.label) % Self.second == 0 else { return false }
        let dh = b.host.nanoseconds - a.host.nanoseconds
        return abs(Double(dh - n * Self.second))
            <= intervalTolerance(seconds: n, source: edge.source, precision: edge.precisionNanoseconds)
    }
}

func pow2(_ x: Double) -> Double { x * x }
