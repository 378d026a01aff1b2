import TaktCore
import Testing

@Suite struct ClockModelHoldoverTests {
    /// Locks on 200 s, loses PPS for 60 s (ticks only), then gets edges again.
    @Test func holdoverGrowsSigmaThenRelocks() throws {
        var rig = ClockModelTestRig(seed: 4)
        var model = ClockModel()
        _ = model.feed(rig.seconds(0..<200))
        #expect(model.isLocked)
        var lost = 0
        var sigmas: [Double] = []
        for k in 200..<260 {
            let tick = rig.instant(rig.trueHost(Double(k) + 0.5))
            lost += model.handle(.tick(tick)).filter(\.isLockLost).count
            let stamp = model.convert(tick)
            if k >= 202 {
                #expect(stamp.provenance == .ppsHoldover)
                let error = abs(Double(stamp.gps.nanosecondsSinceEpoch - rig.truth(tick)))
                #expect(error <= 3 * stamp.sigmaNanoseconds)
            }
            sigmas.append(stamp.sigmaNanoseconds)
        }
        #expect(lost == 1)
        #expect(zip(sigmas, sigmas.dropFirst()).allSatisfy { $0 < $1 })
        let state = model.state(at: rig.instant(rig.trueHost(259.9)))
        #expect(state.phase == .holdover)
        #expect(abs((state.holdoverSeconds ?? 0) - 60.9) < 0.2)
        #expect(state.provenance == .ppsHoldover)
        let relockActions = model.feed(rig.seconds(260..<270))
        let relock = try #require(relockActions.first { $0.isRelocked })
        if case .relocked(_, let seconds, _) = relock { #expect(abs(seconds - 61) < 1) }
        #expect(model.isLocked)
        #expect(model.convert(rig.instant(rig.trueHost(269.5))).provenance == .ppsLocked)
        #expect(model.state(at: rig.instant(rig.trueHost(269.5))).counters.holdovers == 1)
    }

    @Test func aStampAfterTheLastEdgeWithoutTickIsAlreadyHoldover() {
        var rig = ClockModelTestRig(seed: 5)
        var model = ClockModel()
        _ = model.feed(rig.seconds(0..<150))
        #expect(model.convert(rig.instant(rig.trueHost(150.2))).provenance == .ppsLocked)
        #expect(model.convert(rig.instant(rig.trueHost(155))).provenance == .ppsHoldover)
    }

    @Test func hostClockStepIsDetectedAndTheFitRestarts() {
        var rig = ClockModelTestRig(seed: 6)
        var model = ClockModel()
        _ = model.feed(rig.seconds(0..<200))
        #expect(model.isLocked)
        // The host clock jumps back by 500 µs: every later stamp is 500 µs early.
        rig.hostStart -= 500_000
        var actions: [ClockModelAction] = []
        for k in 200..<320 { actions += model.feed([rig.edge(k), rig.navPVT(k)]) }
        let steps = actions.compactMap(\.stepChange)
        #expect(steps.count == 1)
        #expect(abs(Double(steps.first ?? 0) - 500_000) < 20_000)
        #expect(actions.filter { $0.edgeRejection == .outlier }.count == 3)
        #expect(actions.contains { $0.isLockAcquired })
        #expect(model.isLocked)
        let host = rig.instant(rig.trueHost(319.5))
        #expect(abs(Double(model.convert(host).gps.nanosecondsSinceEpoch - rig.truth(host))) < 5_000)
        #expect(model.state(at: host).counters.stepsDetected == 1)
    }

    @Test func isolatedOutliersAreRejectedWithoutAStep() {
        var rig = ClockModelTestRig(seed: 7)
        var model = ClockModel()
        _ = model.feed(rig.seconds(0..<150))
        var actions: [ClockModelAction] = []
        for k in 150..<200 {
            let glitch: Double = [160, 170, 171, 185].contains(k) ? (k % 2 == 0 ? 1_000_000 : -1_000_000) : 0
            actions += model.feed([rig.edge(k, extra: glitch), rig.navPVT(k)])
        }
        #expect(actions.filter { $0.edgeRejection == .outlier }.count == 4)
        #expect(actions.compactMap(\.stepChange).isEmpty)
        #expect(model.isLocked)
        let host = rig.instant(rig.trueHost(199.5))
        #expect(abs(Double(model.convert(host).gps.nanosecondsSinceEpoch - rig.truth(host))) < 5_000)
    }

    @Test func doubleAndMissedEdges() {
        var rig = ClockModelTestRig(seed: 8)
        var model = ClockModel()
        // Acquisition: a second edge 0.3 s after the first of second 2 is a double edge.
        var actions = model.feed(rig.seconds(0..<3))
        actions += model.feed([.ppsEdge(PPSEdge(host: rig.instant(rig.trueHost(2.3)), source: .simulated))])
        #expect(actions.compactMap(\.edgeRejection) == [.doubleEdge])
        actions = model.feed(rig.seconds(3..<150))
        #expect(model.isLocked)
        // Tracking: a spurious edge at +0.4 s is rejected; a missed edge (151) is counted, lock is kept.
        actions = model.feed([rig.edge(150), rig.navPVT(150)])
        actions += model.feed([.ppsEdge(PPSEdge(host: rig.instant(rig.trueHost(150.4)), source: .simulated))])
        actions += model.feed(rig.seconds(152..<160))
        #expect(actions.compactMap(\.edgeRejection) == [.doubleEdge])
        #expect(!actions.contains { $0.isLockLost })
        #expect(model.state(at: rig.instant(rig.trueHost(160))).counters.missedEdges == 1)
        #expect(model.isLocked)
    }

    @Test func firstEdgeGlitchDoesNotPoisonAcquisition() {
        var rig = ClockModelTestRig(seed: 9)
        var model = ClockModel()
        var actions = model.feed([rig.edge(0, extra: 900_000), rig.navPVT(0)])
        actions += model.feed(rig.seconds(1..<150))
        #expect(actions.filter { $0.edgeRejection == .irregularInterval }.count == 3)
        #expect(model.isLocked)
        let host = rig.instant(rig.trueHost(149.5))
        #expect(abs(Double(model.convert(host).gps.nanosecondsSinceEpoch - rig.truth(host))) < 5_000)
    }

    @Test func nonMonotonicHostStampIsRejected() {
        var rig = ClockModelTestRig(seed: 10)
        var model = ClockModel()
        _ = model.feed(rig.seconds(0..<5))
        let actions = model.feed([.ppsEdge(PPSEdge(host: rig.instant(rig.trueHost(3)), source: .simulated))])
        #expect(actions.compactMap(\.edgeRejection) == [.nonMonotonic])
    }
}

@Suite struct ClockModelBadInputTests {
    /// Corrupt stamps and week numbers are counted drops; extreme query instants do not trap.
    @Test func corruptInputIsDroppedNotTrapped() {
        var rig = ClockModelTestRig(seed: 40)
        var model = ClockModel()
        _ = model.feed(rig.seconds(0..<150))
        let huge = MonotonicInstant(nanoseconds: .max)
        var actions = model.handle(.ppsEdge(PPSEdge(host: huge, source: .kernelPPS)))
        actions += model.handle(.ppsEdge(PPSEdge(host: MonotonicInstant(nanoseconds: -5), source: .kernelPPS)))
        actions += model.handle(
            .ppsLabel(
                PPSLabel(
                    gps: GPSTime(nanosecondsSinceEpoch: .max),
                    receivedAt: rig.instant(rig.trueHost(150.1)),
                    source: .ubxNavPVT
                )
            )
        )
        #expect(actions.compactMap(\.edgeRejection) == [.outOfRange, .outOfRange])
        #expect(actions.compactMap(\.labelRejection) == [.outOfRange])
        _ = model.handle(
            .messageTime(GNSSMessageTime(gps: GPSTime(nanosecondsSinceEpoch: .min), receivedAt: huge, source: .nmea))
        )
        _ = model.handle(.wallClock(HostWallClockReading(at: huge, unixUTCNanoseconds: .max, sigmaNanoseconds: .nan)))
        _ = model.convert(huge)
        _ = model.convert(MonotonicInstant(nanoseconds: .min))
        _ = model.state(at: huge)
        _ = model.handle(.tick(MonotonicInstant(nanoseconds: .min)))
        let host = rig.instant(rig.trueHost(150.5))
        #expect(model.isLocked)
        #expect(abs(Double(model.convert(host).gps.nanosecondsSinceEpoch - rig.truth(host))) < 5_000)
    }
}

@Suite struct ClockModelProvenanceTests {
    /// host-only (wall clock) → gnss-message-only → pps-locked → pps-holdover → pps-locked, each with an honest σ.
    @Test func provenanceFollowsTheBestAvailableReference() {
        var rig = ClockModelTestRig(seed: 50)
        var model = ClockModel()
        var seen: [TimeProvenance] = []
        func sample(_ k: Double, _ model: ClockModel, _ rig: ClockModelTestRig) -> TimeProvenance {
            let host = rig.instant(rig.trueHost(k))
            let stamp = model.convert(host)
            let error = abs(Double(stamp.gps.nanosecondsSinceEpoch - rig.truth(host)))
            #expect(error <= 3 * stamp.sigmaNanoseconds, "\(stamp.provenance) at \(k): \(error) ns vs σ \(stamp.sigmaNanoseconds)")
            return stamp.provenance
        }
        let wall = rig.label(0).unixUTCNanoseconds(leapSeconds: 18) + 200_000_000
        _ = model.handle(.wallClock(HostWallClockReading(at: rig.instant(rig.trueHost(0)), unixUTCNanoseconds: wall)))
        seen.append(sample(0.5, model, rig))
        for k in 0..<200 {
            let message = GNSSMessageTime(gps: rig.label(k), receivedAt: rig.instant(rig.trueHost(Double(k) + 0.05)), source: .ubx)
            _ = model.feed([rig.edge(k), rig.navPVT(k), .messageTime(message)])
            if k == 2 || k == 199 { seen.append(sample(Double(k) + 0.5, model, rig)) }
        }
        for k in 200..<230 { _ = model.handle(.tick(rig.instant(rig.trueHost(Double(k) + 0.5)))) }
        seen.append(sample(229.7, model, rig))
        _ = model.feed(rig.seconds(230..<240))
        seen.append(sample(239.5, model, rig))
        #expect(seen == [.hostOnly, .gnssMessageOnly, .ppsLocked, .ppsHoldover, .ppsLocked])
    }
}
