extension ClockModel {
    /// Gates one labelled edge against the fit's prediction and folds it in, or counts it as an outlier and watches
    /// for a step (several rejected edges that agree with each other).
    mutating func track(_ point: LabelledEdge, edge: SeenEdge, into actions: inout [ClockModelAction]) {
        guard var fit = filter else { return }
        let measurement = fit.relative(point.offset, fraction: point.fraction)
        let predicted = fit.predict(at: point.host)
        let sigma = edgeSigma(source: edge.source, precision: edge.precisionNanoseconds)
        let r = sigma * sigma
        let residual = measurement - predicted.offset
        let gate = max(
            configuration.outlierGateSigmas * (predicted.variance + r).squareRoot(),
            edge.source.outlierFloorNanoseconds
        )
        if abs(residual) < 0.1e9 { residualScale.append(residual) }
        guard abs(residual) <= gate else {
            reject(edgeAt: edge.raw, abs(residual) > 0.1e9 ? .doubleEdge : .outlier, into: &actions)
            var rejected = point
            rejected.residual = residual
            watchForStep(rejected, sigma: sigma, floor: edge.source.outlierFloorNanoseconds, into: &actions)
            return
        }
        if let previous = lastGoodEdge {
            let gap = (point.host.nanoseconds - previous.nanoseconds + Self.second / 2).floorDiv(Self.second)
            if gap > 1 { counters.missedEdges += Int(gap - 1) }
        }
        fit.propagate(to: point.host)
        fit.update(measurement: fit.relative(point.offset, fraction: point.fraction), variance: r)
        filter = fit
        streak.removeAll()
        acceptedResiduals.append(residual)
        counters.edgesUsed += 1
        acceptedSinceStart += 1
        lastGoodEdge = point.host
        advanceLock(at: point.host, sigma: fit.pThetaTheta.squareRoot(), jitter: sigma, into: &actions)
    }

    /// Lock bookkeeping after a good edge.
    mutating func advanceLock(
        at host: MonotonicInstant,
        sigma: Double,
        jitter: Double,
        into actions: inout [ClockModelAction]
    ) {
        let lockSigma = max(configuration.lockSigmaFractionOfJitter * jitter, configuration.lockSigmaFloorNanoseconds)
        switch state {
        case .unsynced, .acquiring:
            state = .acquiring
            if acceptedSinceStart >= configuration.edgesToLock, sigma <= lockSigma {
                state = .locked
                actions.append(.lockAcquired(at: host, sigmaNanoseconds: sigma))
            }
        case .holdover(let since):
            state = .relocking(holdoverStart: since, gapSeconds: host.seconds(since: since), goodEdges: 0)
            advanceLock(at: host, sigma: sigma, jitter: jitter, into: &actions)
        case .relocking(let start, let gap, let good):
            if good + 1 >= configuration.edgesToRelock, sigma <= lockSigma {
                state = .locked
                actions.append(.relocked(at: host, holdoverSeconds: gap, sigmaNanoseconds: sigma))
            } else {
                state = .relocking(holdoverStart: start, gapSeconds: gap, goodEdges: good + 1)
            }
        case .locked:
            break
        }
    }

    /// `stepEdges` consecutive rejected edges whose residuals agree within a few σ mean the mapping itself jumped
    /// (host clock stepped, receiver time reset). Restart the fit from them, keeping the frequency.
    mutating func watchForStep(
        _ point: LabelledEdge,
        sigma: Double,
        floor: Double,
        into actions: inout [ClockModelAction]
    ) {
        streak.append(point)
        guard streak.count >= configuration.stepEdges, let fit = filter else { return }
        let residuals = streak.map(\.residual)
        let spread = (residuals.max() ?? 0) - (residuals.min() ?? 0)
        guard spread <= max(6 * sigma, floor) else {
            streak.removeFirst()
            return
        }
        let change = Int64(saturating: RobustScale.median(residuals))
        guard
            let restarted = OffsetDriftFilter(
                points: streak.map { ($0.host, $0.offset &+ Int64(saturating: $0.fraction)) },
                variance: sigma * sigma,
                frequencyWander: fit.frequencyWander,
                phaseWander: fit.phaseWander,
                priorFrequency: (fit.frequency, fit.pFrequencyFrequency + fit.frequencyWander * 60)
            )
        else { return }
        let at = streak.last?.host ?? point.host
        filter = restarted
        counters.stepsDetected += 1
        acceptedSinceStart = streak.count
        counters.edgesUsed += streak.count
        lastGoodEdge = at
        streak.removeAll()
        residualScale.removeAll()
        state = .acquiring
        actions.append(.stepDetected(at: at, offsetChangeNanoseconds: change))
    }
}
