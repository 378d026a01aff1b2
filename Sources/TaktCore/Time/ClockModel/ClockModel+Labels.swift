extension ClockModel {
    /// Checks a label (whole second, monotonic per kind, not late) and either keeps it for the next edge (TIM-TP),
    /// names the pending edge, or confirms the second the fit already gave that edge.
    mutating func handleLabel(_ label: PPSLabel, into actions: inout [ClockModelAction]) {
        let ns = label.gps.nanosecondsSinceEpoch
        guard Self.plausible.contains(ns), Self.plausible.contains(label.receivedAt.nanoseconds) else {
            rejectLabel(at: label.receivedAt, .outOfRange, into: &actions)
            return
        }
        guard ns.floorMod(Self.second) == 0 else {
            rejectLabel(at: label.receivedAt, .notWholeSecond, into: &actions)
            return
        }
        let announces = label.source.announcesNextPulse
        if let previous = announces ? lastAnnouncingLabel : lastPostEdgeLabel, label.gps <= previous {
            // A receiver that restarts with a new time sends a consistent new sequence: accept it after a few.
            nonMonotonicLabelStreak += 1
            guard nonMonotonicLabelStreak >= configuration.stepEdges else {
                rejectLabel(at: label.receivedAt, .nonMonotonic, into: &actions)
                return
            }
        }
        nonMonotonicLabelStreak = 0
        if announces { lastAnnouncingLabel = label.gps } else { lastPostEdgeLabel = label.gps }
        lastLabelSource = label.source
        if announces {
            announced = label
            return
        }
        guard var edge = lastSeenEdge else {
            rejectLabel(at: label.receivedAt, .orphan, into: &actions)
            return
        }
        let delay = label.receivedAt.seconds(since: edge.raw)
        guard delay >= 0, delay <= configuration.maximumLabelDelaySeconds else {
            rejectLabel(at: label.receivedAt, delay < 0 ? .orphan : .late, into: &actions)
            return
        }
        if let known = edge.label {
            if known != ns {
                noteConflict(difference: ns - known, at: label.receivedAt, into: &actions)
            } else {
                conflictStreak = nil
            }
            return
        }
        edge.label = ns
        edge.labelFraction = -Double(label.quantisationErrorPicoseconds ?? 0) / 1_000
        lastSeenEdge = edge
        process(edge, into: &actions)
    }

    /// A label that disagrees with the second the model gave an edge is dropped; `stepEdges` in a row with the same
    /// whole-second difference mean the receiver's time really moved, so the mapping follows it.
    mutating func noteConflict(difference: Int64, at host: MonotonicInstant, into actions: inout [ClockModelAction]) {
        rejectLabel(at: host, .conflict, into: &actions)
        let count = conflictStreak?.difference == difference ? (conflictStreak?.count ?? 0) + 1 : 1
        conflictStreak = (difference, count)
        guard count >= configuration.stepEdges else { return }
        conflictStreak = nil
        counters.stepsDetected += 1
        if var fit = filter {
            fit.shift(by: difference, variance: fit.pThetaTheta)
            filter = fit
        }
        run.removeAll()
        if var edge = lastSeenEdge, let label = edge.label {
            edge.label = label + difference
            lastSeenEdge = edge
        }
        actions.append(.stepDetected(at: host, offsetChangeNanoseconds: difference))
    }

    mutating func rejectLabel(
        at host: MonotonicInstant,
        _ reason: LabelRejection,
        into actions: inout [ClockModelAction]
    ) {
        counters.labelsRejected += 1
        actions.append(.labelRejected(at: host, reason: reason))
    }
}
