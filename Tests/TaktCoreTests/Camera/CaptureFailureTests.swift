import TaktCore
import Testing

/// A trigger known to have failed (camera refused InitiateCapture, trigger box refused or never acknowledged) is a
/// reported miss at once, and the TIM-TM2 edge counter steps over it instead of reporting a slip.
@Suite struct CaptureFailureTests {
    let t0 = GPSTime(week: 2_400, timeOfWeekNanoseconds: 1_000_000_000_000)
    func stamp(_ t: GPSTime) -> StampedTime { StampedTime(gps: t, provenance: .ppsLocked, sigmaNanoseconds: 1_000) }
    func mark(_ count: UInt16, _ t: GPSTime) -> ExposureEvent {
        .mark(TimeMark(count: count, rising: t, accuracyNanoseconds: 20))
    }
    func records(_ out: [ExposureOutput]) -> [ExposureRecord] {
        out.compactMap { if case .record(let x) = $0 { x } else { nil } }
    }

    @Test func failureIsAMissAtOnceAndReportedOnlyOnce() {
        var r = ExposureReconciler(configuration: .init(commandLatency: .milliseconds(5), imageTimeout: .seconds(30)))
        _ = r.handle(.commanded(seq: 1, at: stamp(t0)))
        #expect(r.handle(.captureFailed(seq: 1, noExposure: true)) == [.anomaly(.imageMissing(seq: 1))])
        #expect(r.handle(.captureFailed(seq: 1, noExposure: true)) == [])
        // Settled on the next tick, long before the image timeout or the mark settle time.
        let out = r.handle(.tick(t0 + .milliseconds(10)))
        let rec = records(out)
        #expect(rec.map(\.seq) == [1])
        #expect(rec.first?.imageFile == nil)
        #expect(rec.first?.markStatus == .notExpected)
        #expect(!out.contains(.anomaly(.imageMissing(seq: 1))))
        #expect(!out.contains(.anomaly(.markMissing(seq: 1))))
    }

    @Test func counterStepsOverAFailedTrigger() {
        var r = ExposureReconciler(configuration: .init(commandLatency: .milliseconds(5)))
        for s in UInt32(1)...4 { _ = r.handle(.commanded(seq: s, at: stamp(t0 + .seconds(Int64(s))))) }
        #expect(r.handle(mark(10, t0 + .seconds(1) + .milliseconds(5))) == [])
        _ = r.handle(.captureFailed(seq: 2, noExposure: true))
        // Seq 3's edge is the counter's next one (seq 2 made none): no slip, no mark verdict for 2.
        #expect(r.handle(mark(11, t0 + .seconds(3) + .milliseconds(5))) == [])
        // A real slip is still seen: two edges for one trigger.
        let slip = r.handle(mark(13, t0 + .seconds(4) + .milliseconds(5)))
        #expect(slip == [.anomaly(.counterSlip(count: 13, seq: 4, extraEdges: 1))])
        _ = r.handle(.image(DeliveredImage(seq: 1, file: "1.jpg")))
        _ = r.handle(.image(DeliveredImage(seq: 3, file: "3.jpg")))
        _ = r.handle(.image(DeliveredImage(seq: 4, file: "4.jpg")))
        let rec = records(r.handle(.finish))
        #expect(rec.map(\.source) == [.eventMark, .commandLatency, .eventMark, .eventMark])
        #expect(rec.map(\.markCount) == [10, nil, 11, 13])
    }

    @Test func lateImageOfAFailedTriggerIsNotAssigned() {
        var r = ExposureReconciler()
        _ = r.handle(.commanded(seq: 5, at: stamp(t0)))
        _ = r.handle(.captureFailed(seq: 5, noExposure: false))
        #expect(r.handle(.image(DeliveredImage(seq: 5, file: "5.jpg"))) == [.anomaly(.imageWithoutTrigger(seq: 5, file: "5.jpg"))])
    }

    @Test func failureThatMayHaveExposedStillTakesItsMark() {
        var r = ExposureReconciler(configuration: .init(commandLatency: .milliseconds(5)))
        _ = r.handle(.commanded(seq: 1, at: stamp(t0)))
        #expect(r.handle(.captureFailed(seq: 1, noExposure: false)) == [.anomaly(.imageMissing(seq: 1))])
        // Not settled yet: the mark may still come.
        #expect(records(r.handle(.tick(t0 + .milliseconds(10)))).isEmpty)
        #expect(r.handle(mark(3, t0 + .milliseconds(5))) == [])
        let out = r.handle(.tick(t0 + .milliseconds(300)))
        let rec = records(out)
        #expect(rec.map(\.source) == [.eventMark])
        #expect(rec.first?.imageFile == nil)
        #expect(!out.contains(.anomaly(.imageMissing(seq: 1))))
    }

    @Test func steadyStampErrorIsLearnedAndAStepReacquired() {
        // Command stamps 225 ms late (message time before PPS lock), then exact (locked): the narrow window alone
        // would refuse every mark; the acquisition window with the counter takes them, and the centre follows.
        var r = ExposureReconciler(
            configuration: .init(markWindow: .milliseconds(50), acquisitionWindow: .milliseconds(450)))
        var expectedMarks: [UInt32: GPSTime] = [:]
        for s in UInt32(1)...12 {
            let truth = t0 + .seconds(Int64(s))
            let error: Duration = s <= 6 ? .milliseconds(225) : .zero
            _ = r.handle(.commanded(seq: s, at: stamp(truth + error)))
            let out = r.handle(mark(UInt16(s), truth))
            #expect(out == [], "seq \(s): \(out)")
            expectedMarks[s] = truth
        }
        // A stray edge 300 ms after the last exposure: its trigger already has its mark, so it is reported.
        let stray = r.handle(mark(13, t0 + .seconds(12) + .milliseconds(300)))
        #expect(stray == [.anomaly(.unexpectedMark(count: 13, time: t0 + .seconds(12) + .milliseconds(300)))])
        let rec = records(r.handle(.finish))
        #expect(rec.count == 12 && rec.allSatisfy { $0.exposureTime.gps == expectedMarks[$0.seq] })
    }

    /// As measured on the emulated trigger-box rig under load: the command stamps step from 45 ms early to 383 ms
    /// late after the first trigger, with a refused pulse (2), an unanswered one (4, made no edge), a dropped
    /// mark (8) and a stray edge 300 ms after 10's. Every mark still lands on its own trigger or is reported.
    @Test func stampStepWithFaultsNeverMisassigns() {
        var r = ExposureReconciler(
            configuration: .init(
                commandLatency: .milliseconds(3), markWindow: .milliseconds(150),
                acquisitionWindow: .milliseconds(450)))
        var edges: [UInt32: GPSTime] = [:]
        var count: UInt16 = 0
        var out: [ExposureOutput] = []
        for s in UInt32(1)...14 {
            let truth = t0 + .milliseconds(1_200 * Int64(s))
            let error: Duration = s == 1 ? .milliseconds(-45) : .milliseconds(383) - .milliseconds(2 * Int64(s))
            out += r.handle(.commanded(seq: s, at: stamp(truth - .milliseconds(3) + error)))
            if s == 2 { out += r.handle(.captureFailed(seq: 2, noExposure: true)); continue }
            if s == 4 { out += r.handle(.captureFailed(seq: 4, noExposure: false)); continue }
            count &+= 1
            if s == 8 { continue }
            edges[s] = truth
            out += r.handle(mark(count, truth))
            if s == 10 {
                count &+= 1
                out += r.handle(mark(count, truth + .milliseconds(300)))
            }
        }
        out += r.handle(.finish)
        let rec = records(out)
        #expect(rec.count == 14)
        for x in rec where x.source == .eventMark {
            #expect(x.exposureTime.gps == edges[x.seq], "seq \(x.seq) got a mark that is not its own")
        }
        #expect(Set(rec.filter { $0.source == .eventMark }.map(\.seq)) == Set(edges.keys), "\(out)")
        #expect(out.contains(.anomaly(.unexpectedMark(count: 9, time: t0 + .milliseconds(12_300)))), "\(out)")
    }
}
