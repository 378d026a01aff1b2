extension ClockModel {
    static let second: Int64 = 1_000_000_000
    /// Host and GPS nanoseconds the model accepts (to year ~2106 of either clock): keeps every sum and difference
    /// far from Int64 overflow, so corrupt input is a counted drop, never a trap.
    static let plausible: ClosedRange<Int64> = 0...4_000_000_000_000_000_000

    /// Files a new edge: pairs it with an announced label, a prediction from the fit, or the previous edge of the
    /// acquisition run; otherwise keeps it until a post-edge label names it.
    mutating func handleEdge(_ input: PPSEdge, into actions: inout [ClockModelAction]) {
        guard Self.plausible.contains(input.host.nanoseconds) else {
            reject(edgeAt: input.host, .outOfRange, into: &actions)
            return
        }
        let host = input.host.offset(by: -configuration.ppsCableDelayNanoseconds)
        if let previous = lastSeenEdge {
            guard host > previous.host else {
                reject(edgeAt: input.host, .nonMonotonic, into: &actions)
                return
            }
            if filter == nil, host.nanoseconds - previous.host.nanoseconds < Self.second / 2 {
                reject(edgeAt: input.host, .doubleEdge, into: &actions)
                return
            }
            if previous.pending { reject(edgeAt: previous.raw, .unlabelled, into: &actions) }
        }
        lastEdgeSource = input.source
        var edge = SeenEdge(
            raw: input.host,
            host: host,
            source: input.source,
            precisionNanoseconds: input.precisionNanoseconds
        )
        if let announcement = announced {
            let lead = input.host.seconds(since: announcement.receivedAt)
            if lead > 0, lead <= 1 + configuration.intervalTolerancePPM * 1e-6 + 0.05 {
                edge.label = announcement.gps.nanosecondsSinceEpoch
                edge.labelFraction = -Double(announcement.quantisationErrorPicoseconds ?? 0) / 1_000
                announced = nil
            } else if lead > 1 {
                announced = nil
            }
        }
        if let second = predictedSecond(at: host) {
            if let explicit = edge.label, explicit != second {
                noteConflict(difference: explicit - second, at: input.host, into: &actions)
            }
            edge.label = predictedSecond(at: host) ?? second
        } else if edge.label == nil,
            let inferred = inferLabel(host: host, source: input.source, precision: input.precisionNanoseconds)
        {
            edge.label = inferred
        }
        lastSeenEdge = edge
        if !edge.pending { process(edge, into: &actions) }
    }

    /// The GPS second the fit assigns to an edge at `host`, when the fit is sure to well under half a second.
    func predictedSecond(at host: MonotonicInstant) -> Int64? {
        guard let fit = filter else { return nil }
        let predicted = fit.predict(at: host)
        guard predicted.variance.squareRoot() < 0.05e9 else { return nil }
        let gps = host.nanoseconds &+ fit.baseOffset &+ Int64(saturating: predicted.offset)
        return (gps + Self.second / 2).floorDiv(Self.second) * Self.second
    }

    /// During acquisition an edge a whole number of seconds after the run's last edge inherits its label.
    func inferLabel(host: MonotonicInstant, source: PPSSourceKind, precision: Double?) -> Int64? {
        guard let last = run.last else { return nil }
        let dh = host.nanoseconds - last.host.nanoseconds
        let n = (dh + Self.second / 2).floorDiv(Self.second)
        guard n >= 1,
            abs(Double(dh - n * Self.second)) <= intervalTolerance(seconds: n, source: source, precision: precision)
        else {
            return nil
        }
        return last.label + n * Self.second
    }

    func intervalTolerance(seconds n: Int64, source: PPSSourceKind, precision: Double?) -> Double {
        configuration.intervalTolerancePPM * 1e-6 * Double(n) * 1e9
            + 3 * 2.0.squareRoot() * edgeSigma(source: source, precision: precision)
    }

    /// One-sigma edge jitter: measured (MAD) when enough residuals exist, else stated precision, else the default.
    func edgeSigma(source: PPSSourceKind, precision: Double?) -> Double {
        if let measured = residualScale.sigma(minimumCount: 16) {
            return max(measured, precision ?? 0, 20)
        }
        return precision ?? source.defaultJitterNanoseconds
    }

    /// A labelled edge goes to the fit, or to the acquisition run when there is no fit yet.
    mutating func process(_ edge: SeenEdge, into actions: inout [ClockModelAction]) {
        guard let label = edge.label else { return }
        let point = LabelledEdge(host: edge.host, label: label, fraction: edge.labelFraction)
        if filter != nil {
            track(point, edge: edge, into: &actions)
        } else {
            acquire(point, edge: edge, into: &actions)
        }
    }

    mutating func reject(edgeAt host: MonotonicInstant, _ reason: EdgeRejection, into actions: inout [ClockModelAction])
    {
        if reason == .outlier { counters.outliersRejected += 1 } else { counters.edgesRejected += 1 }
        actions.append(.edgeRejected(at: host, reason: reason))
    }
}
