import Testing
import TaktCore

/// Single-rule checks: provenance order, ambiguity, conflicting and invalid marks, images without triggers.
@Suite struct ExposureReconcilerEdgeCaseTests {
    let t0 = GPSTime(week: 2_400, timeOfWeekNanoseconds: 1_000_000_000_000)
    func stamp(_ t: GPSTime) -> StampedTime { StampedTime(gps: t, provenance: .ppsLocked, sigmaNanoseconds: 1_000) }

    @Test func provenanceFallsBackFromMarkToDeviceToCommand() {
        var r = ExposureReconciler(configuration: .init(commandLatency: .milliseconds(5), commandLatencySigmaNanoseconds: 3_000_000))
        _ = r.handle(.commanded(seq: 1, at: stamp(t0)))
        _ = r.handle(.commanded(seq: 2, at: stamp(t0 + .seconds(1))))
        _ = r.handle(.commanded(seq: 3, at: stamp(t0 + .seconds(2))))
        _ = r.handle(.mark(TimeMark(count: 7, rising: t0 + .milliseconds(5), accuracyNanoseconds: 30)))
        let device = StampedTime(gps: t0 + .milliseconds(1_004), provenance: .ppsHoldover, sigmaNanoseconds: 50_000)
        for s in UInt32(1)...3 {
            _ = r.handle(.image(CameraImage(seq: s, file: "img/c/\(s).jpg", deviceReported: s == 2 ? device : nil)))
        }
        let out = r.handle(.finish)
        let records = out.compactMap { if case .record(let x) = $0 { x } else { nil } }
        #expect(records.map(\.source) == [.eventMark, .deviceReported, .commandLatency])
        #expect(records[0].exposureTime.sigmaNanoseconds == 30)
        #expect(records[1].exposureTime == device)
        #expect(records[2].exposureTime.gps == t0 + .seconds(2) + .milliseconds(5))
        #expect(abs(records[2].exposureTime.sigmaNanoseconds - (1e6 + 9e12).squareRoot()) < 1)
        #expect(out.contains(.anomaly(.markMissing(seq: 2))) && out.contains(.anomaly(.markMissing(seq: 3))))
    }

    @Test func twoTriggersInOneWindowWithoutCounterAreAmbiguous() {
        var r = ExposureReconciler(configuration: .init(markWindow: .milliseconds(50)))
        _ = r.handle(.commanded(seq: 1, at: stamp(t0)))
        _ = r.handle(.commanded(seq: 2, at: stamp(t0 + .milliseconds(30))))
        let out = r.handle(.mark(TimeMark(count: 1, rising: t0 + .milliseconds(15), accuracyNanoseconds: 10)))
        #expect(out == [.anomaly(.ambiguousMark(count: 1, time: t0 + .milliseconds(15), candidates: [1, 2]))])
        let records = r.handle(.finish).compactMap { if case .record(let x) = $0 { x } else { nil } }
        #expect(records.allSatisfy { $0.markStatus == .missing })
    }

    @Test func conflictingAndInvalidMarksAreNotUsed() {
        var r = ExposureReconciler()
        _ = r.handle(.commanded(seq: 1, at: stamp(t0)))
        #expect(r.handle(.mark(TimeMark(count: 4, rising: nil, accuracyNanoseconds: 0))) == [.anomaly(.invalidMarkTime(count: 4))])
        _ = r.handle(.mark(TimeMark(count: 5, rising: t0 + .microseconds(10), accuracyNanoseconds: 10)))
        let again = r.handle(.mark(TimeMark(count: 5, rising: t0 + .microseconds(99), accuracyNanoseconds: 10)))
        #expect(again == [.anomaly(.conflictingMark(count: 5, time: t0 + .microseconds(99)))])
        let rec = r.handle(.finish).compactMap { if case .record(let x) = $0 { x } else { nil } }
        #expect(rec.first?.exposureTime.gps == t0 + .microseconds(10))
    }

    @Test func imagesAreCheckedAgainstCommands() {
        var r = ExposureReconciler(configuration: .init(marksExpected: false))
        _ = r.handle(.commanded(seq: 1, at: stamp(t0)))
        #expect(r.handle(.commanded(seq: 1, at: stamp(t0))) == [.anomaly(.duplicateCommand(seq: 1))])
        #expect(r.handle(.image(CameraImage(seq: 9, file: "x.jpg"))) == [.anomaly(.imageWithoutTrigger(seq: 9, file: "x.jpg"))])
        _ = r.handle(.image(CameraImage(seq: 1, file: "a.jpg")))
        #expect(r.handle(.image(CameraImage(seq: 1, file: "b.jpg"))) == [.anomaly(.duplicateImage(seq: 1, file: "b.jpg"))])
        let out = r.handle(.tick(t0 + .milliseconds(1)))
        let rec = out.compactMap { if case .record(let x) = $0 { x } else { nil } }
        #expect(rec.map(\.markStatus) == [.notExpected])
        #expect(rec.map(\.imageFile) == ["a.jpg"])
    }

    @Test func timTM2InUTCIsMovedToGPSTime() throws {
        var payload = [UInt8](repeating: 0, count: 28)
        payload[1] = 0x80 | 0x40 | (2 << 3)  // new rising edge, time valid, UTC base
        payload[2] = 3
        payload[4] = 0x60; payload[5] = 0x09  // week 2400
        let tm2 = try UBXTimTM2(payload: payload)
        let mark = TimeMark(tm2, leapSeconds: 18)
        #expect(mark.rising == GPSTime(week: 2_400, timeOfWeekNanoseconds: 18_000_000_000))
        payload[1] = 0x80
        #expect(TimeMark(try UBXTimTM2(payload: payload), leapSeconds: 18).rising == nil)
    }
}

@Suite struct TimeMarkBoundsTests {
    @Test func absurdWeekIsAnInvalidMarkNotACrash() throws {
        var payload = [UInt8](repeating: 0xFF, count: 28)
        payload[1] = 0x80 | 0x40 | (1 << 3)
        let mark = TimeMark(try UBXTimTM2(payload: payload), leapSeconds: 18)
        #expect(mark.rising == nil && mark.count == 0xFFFF)
    }
}
