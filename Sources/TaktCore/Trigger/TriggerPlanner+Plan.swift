extension TriggerPlanner {
    /// One candidate fire before the minimum interval is applied.
    struct Candidate {
        var time: GPSTime
        var cause: TriggerCause
        var late: Bool
        var positionIndex: Int?
    }

    /// Updates the phase, then (when `commit`) commits every fire whose time falls before the next expected update.
    mutating func plan(at now: GPSTime, commit shouldCommit: Bool = true) -> [TriggerAction] {
        var actions: [TriggerAction] = []
        let wanted = desiredPhase(at: now)
        if wanted != phase {
            switch wanted {
            case .paused(let reason): actions.append(.paused(reason))
            case .running: if phase != .starting { actions.append(.resumed) }
            case .starting: break
            }
            phase = wanted
        }
        rearmPositions(at: now)
        guard phase == .running, shouldCommit else { return actions }
        if nextTargetMeters == nil, policy.spacingMeters != nil { nextTargetMeters = kinematics.distance(at: now) }

        let horizonEnd = now + horizon(at: now)
        for _ in 0..<32 {
            guard let candidate = earliestCandidate(at: now), candidate.time <= horizonEnd else { break }
            var fireTime = candidate.time
            var deferred = false
            if let last = lastFireTime, fireTime < last + minimumInterval {
                fireTime = last + minimumInterval
                deferred = true
            }
            if deferred, candidate.cause == .distance, !speedWarningActive, let spacing = policy.spacingMeters {
                speedWarningActive = true
                let maxSpeed = minimumInterval > .zero ? spacing / (Double(minimumInterval.nanoseconds) / 1e9) : .infinity
                actions.append(
                    .warning(
                        .speedTooFast(
                            speedMetersPerSecond: kinematics.speed(at: now), maximumSpeedMetersPerSecond: maxSpeed
                        )))
            }
            guard fireTime <= horizonEnd else { break }
            actions.append(.fire(commit(candidate, at: fireTime, deferred: deferred)))
        }
        return actions
    }

    private mutating func commit(_ c: Candidate, at time: GPSTime, deferred: Bool) -> TriggerFire {
        let distance = kinematics.distance(at: time)
        let fire = TriggerFire(
            seq: nextSeq, time: time, cause: c.cause, distanceMeters: distance,
            speedMetersPerSecond: kinematics.speed(at: time), late: c.late, deferred: deferred
        )
        nextSeq &+= 1
        lastFireTime = time
        switch c.cause {
        case .distance:
            if let spacing = policy.spacingMeters, var target = nextTargetMeters {
                target += spacing
                while target <= distance + 1e-6 { target += spacing }
                nextTargetMeters = target
            }
            if !deferred { speedWarningActive = false }
        case .position:
            if let i = c.positionIndex { positionFired[i] = true }
        case .interval:
            break
        }
        return fire
    }

    private func earliestCandidate(at now: GPSTime) -> Candidate? {
        var best: Candidate?
        func offer(_ c: Candidate) {
            if best.map({ c.time < $0.time }) ?? true { best = c }
        }
        if let target = nextTargetMeters, let crossing = kinematics.crossing(of: target) {
            let late = crossing < now || target < kinematics.distance(at: now) - 1e-6
            offer(Candidate(time: max(crossing, now), cause: .distance, late: late))
        }
        if let interval = policy.intervalSeconds {
            let due = lastFireTime.map { $0 + .nanoseconds(Int64((interval * 1e9).rounded())) } ?? now
            offer(Candidate(time: max(due, now), cause: .interval, late: due < now))
        }
        for c in positionCandidates(at: now) { offer(c) }
        return best
    }

    private func positionCandidates(at now: GPSTime) -> [Candidate] {
        guard let positions = policy.positions, let (fix, offset, v) = kinematics.planarPosition(at: now),
            v.horizontalNorm > 0.1
        else { return [] }
        var out: [Candidate] = []
        let v2 = v.east * v.east + v.north * v.north
        for (i, p) in positions.enumerated() where !positionFired[i] {
            let target = fix.plane.enu(of: GeodeticPoint(latitude: p.latitude, longitude: p.longitude))
            let rel = ENU(east: target.east - offset.east, north: target.north - offset.north)
            let tau = (rel.east * v.east + rel.north * v.north) / v2
            let miss = ENU(east: rel.east - tau * v.east, north: rel.north - tau * v.north).horizontalNorm
            guard miss <= p.effectiveRadiusMeters, tau < 3_600 else { continue }
            if tau < 0 && rel.horizontalNorm > p.effectiveRadiusMeters { continue }
            let t = now + .nanoseconds(Int64((max(0, tau) * 1e9).rounded()))
            out.append(Candidate(time: t, cause: .position, late: tau < 0, positionIndex: i))
        }
        return out
    }

    private mutating func rearmPositions(at now: GPSTime) {
        guard let positions = policy.positions, let (fix, offset, _) = kinematics.planarPosition(at: now) else {
            return
        }
        for (i, p) in positions.enumerated() where positionFired[i] {
            let target = fix.plane.enu(of: GeodeticPoint(latitude: p.latitude, longitude: p.longitude))
            if (target - offset).horizontalNorm > 2 * p.effectiveRadiusMeters { positionFired[i] = false }
        }
    }

    /// How far ahead to commit: to the next expected update (plus margin and latency allowance).
    private func horizon(at now: GPSTime) -> Duration {
        let base: Duration
        let bursts = configuration.imuArrivesInBursts
        if let next = kinematics.nextExpectedUpdate(after: now, imuInBursts: bursts), next > now {
            let gap = Double((next - now).nanoseconds) * configuration.horizonFactor
            base = .nanoseconds(Int64(gap))
        } else if let i = kinematics.fixes.interval {
            base = .nanoseconds(Int64(Double(i.nanoseconds) * (configuration.horizonFactor - 1)))
        } else {
            base = .milliseconds(100)
        }
        return base + configuration.latencyAllowance
    }

    private var needsMotion: Bool {
        policy.spacingMeters != nil || !(policy.positions ?? []).isEmpty || !zones.isEmpty
            || policy.standstillSpeedMetersPerSecond != nil
    }

    private func desiredPhase(at now: GPSTime) -> Phase {
        guard needsMotion else { return .running }
        guard kinematics.hasState else { return .starting }
        if kinematics.positionStale(at: now, limit: configuration.staleAfter) { return .paused(.noPosition) }
        let v = kinematics.speed(at: now)
        let threshold = phase == .paused(.standstill) ? standstillSpeed * configuration.resumeHysteresisRatio : standstillSpeed
        if v < threshold || (v == 0 && threshold == 0) { return .paused(.standstill) }
        if !zones.isEmpty, let (fix, offset, _) = kinematics.planarPosition(at: now) {
            let p = fix.plane.geodetic(of: offset)
            if !zones.contains(where: { $0.contains(latitude: p.latitude, longitude: p.longitude) }) {
                return .paused(.outsideZones)
            }
        }
        return .running
    }
}
