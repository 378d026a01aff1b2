import TaktCore
import Testing

@Suite struct ClockModelLabelTests {
    @Test func lateAndNonMonotonicLabelsAreRejected() {
        var rig = ClockModelTestRig(seed: 20)
        var model = ClockModel()
        var actions = model.feed([rig.edge(0), rig.navPVT(0, delay: 0.95)])
        #expect(actions.compactMap(\.labelRejection) == [.late])
        actions = model.feed([rig.edge(1), rig.navPVT(1)])
        actions += model.feed([rig.edge(2), rig.navPVT(2, labelShift: -2)])  // names second 0 again
        #expect(actions.compactMap(\.labelRejection) == [.nonMonotonic])
        // Edges 0 and 2 never got a usable label: dropped as unlabelled when the next edge came.
        actions += model.feed([rig.edge(3)])
        #expect(actions.compactMap(\.edgeRejection) == [.unlabelled])
        #expect(model.state(at: rig.instant(rig.trueHost(3))).counters.labelsRejected == 2)
    }

    @Test func labelWithFractionalSecondIsRejected() {
        var rig = ClockModelTestRig(seed: 21)
        var model = ClockModel()
        let odd = PPSLabel(
            gps: GPSTime(nanosecondsSinceEpoch: rig.label(0).nanosecondsSinceEpoch + 200_000_000),
            receivedAt: rig.instant(rig.trueHost(0.1)),
            source: .ubxNavPVT
        )
        let actions = model.feed([rig.edge(0), .ppsLabel(odd)])
        #expect(actions.compactMap(\.labelRejection) == [.notWholeSecond])
    }

    @Test func timTPAnnouncementsAloneAreEnoughToLock() {
        var rig = ClockModelTestRig(seed: 22)
        var model = ClockModel()
        for k in 0..<150 {
            let announce = PPSLabel(
                gps: rig.label(k),
                receivedAt: rig.instant(rig.trueHost(Double(k) - 0.6)),
                source: .ubxTimTP,
                quantisationErrorPicoseconds: 3_000
            )
            _ = model.feed([.ppsLabel(announce), rig.edge(k)])
        }
        #expect(model.isLocked)
        let host = rig.instant(rig.trueHost(149.5))
        #expect(abs(Double(model.convert(host).gps.nanosecondsSinceEpoch - rig.truth(host))) < 5_000)
        #expect(model.state(at: host).labelSource == .ubxTimTP)
    }

    @Test func labelsOnlyNeededOnceThenEdgesAreCounted() {
        var rig = ClockModelTestRig(seed: 23)
        var model = ClockModel()
        _ = model.feed([rig.edge(0), rig.navPVT(0)])
        for k in 1..<150 { _ = model.feed([rig.edge(k)]) }
        #expect(model.isLocked)
        let host = rig.instant(rig.trueHost(149.5))
        #expect(abs(Double(model.convert(host).gps.nanosecondsSinceEpoch - rig.truth(host))) < 5_000)
    }

    /// The receiver's labels move by a whole second (e.g. a leap second applied to NMEA-derived labels): after
    /// `stepEdges` consistent conflicts the mapping follows the receiver.
    @Test func persistentWholeSecondLabelConflictIsAStep() {
        var rig = ClockModelTestRig(seed: 24)
        var model = ClockModel()
        _ = model.feed(rig.seconds(0..<150))
        var actions: [ClockModelAction] = []
        for k in 150..<160 { actions += model.feed([rig.edge(k), rig.navPVT(k, labelShift: 1)]) }
        #expect(actions.compactMap(\.labelRejection) == [.conflict, .conflict, .conflict])
        #expect(actions.compactMap(\.stepChange) == [1_000_000_000])
        let host = rig.instant(rig.trueHost(159.5))
        let error = Double(model.convert(host).gps.nanosecondsSinceEpoch - rig.truth(host))
        #expect(abs(error - 1e9) < 5_000)
        #expect(model.isLocked)
    }

    @Test func leapSecondsFallbackThenReceiver() {
        var model = ClockModel(configuration: .init(leapSecondsFallback: 18))
        let t0 = MonotonicInstant(nanoseconds: 1)
        #expect(model.state(at: t0).leapSecondsSource == .fallback)
        #expect(model.handle(.leapSeconds(LeapSecondReport(gpsMinusUTCSeconds: 18, receivedAt: t0))).isEmpty)
        #expect(model.state(at: t0).leapSecondsSource == .receiver)
        #expect(
            model.handle(.leapSeconds(LeapSecondReport(gpsMinusUTCSeconds: 19, receivedAt: t0))) == [
                .leapSecondsChanged(from: 18, to: 19)
            ]
        )
        #expect(model.handle(.leapSeconds(LeapSecondReport(gpsMinusUTCSeconds: 99, receivedAt: t0))).isEmpty)
        #expect(model.gpsMinusUTCSeconds == 19)
        #expect(model.state(at: t0).counters.leapReportsRejected == 1)
        // 2026-06-01T08:15:00Z in GPS and back, with 19 s in use.
        let utc: Int64 = 1_780_301_700 * 1_000_000_000
        let gps = model.gpsTime(unixUTCNanoseconds: utc)
        #expect(gps.nanosecondsSinceEpoch == (1_780_301_700 - 315_964_800 + 19) * 1_000_000_000)
        #expect(model.unixUTCNanoseconds(of: gps) == utc)
    }
}

@Suite struct ClockModelQuantisationTests {
    /// TIM-TP qErr is subtracted from the label (protocols.md §2.6): a constant +2 µs qErr moves the mapping by −2 µs.
    @Test func timTPQuantisationErrorIsSubtractedFromTheLabel() {
        func bias(qErrPicoseconds: Int32) -> Double {
            var rig = ClockModelTestRig(seed: 25, jitter: 20)
            var model = ClockModel()
            for k in 0..<150 {
                let announce = PPSLabel(
                    gps: rig.label(k), receivedAt: rig.instant(rig.trueHost(Double(k) - 0.6)), source: .ubxTimTP,
                    quantisationErrorPicoseconds: qErrPicoseconds)
                _ = model.feed([.ppsLabel(announce), rig.edge(k)])
            }
            let host = rig.instant(rig.trueHost(149.5))
            return Double(model.convert(host).gps.nanosecondsSinceEpoch - rig.truth(host))
        }
        #expect(abs(bias(qErrPicoseconds: 0)) < 50)
        #expect(abs(bias(qErrPicoseconds: 2_000_000) + 2_000) < 50)
    }
}
