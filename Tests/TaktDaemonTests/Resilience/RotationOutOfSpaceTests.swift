import Foundation
import TaktCore
import TaktDaemon
import TaktStore
import Testing

/// The disk fills while nothing is pending, so the first write to fail is the rotation itself (the next segment's
/// `.lock` or timeline header). The recorder must not leave a half-created segment or an unclosed one behind.
@Suite("Recorder: a rotation onto a full disk")
struct RotationOutOfSpaceTests {
    @Test("Disk full at a segment rotation: stopped-disk-low, every segment closed, the session verifies")
    func rotationHitsENOSPC() async throws {
        let outcome = await BlockingJobs.run(count: 1, width: 1) { _ in Self.runScenario() }
        let o = try #require(outcome.first)
        #expect(o.problems.isEmpty, "\(o.problems.joined(separator: "\n"))")
        print("rotation ENOSPC: \(o.summary)")
    }

    static func runScenario() -> RecorderOutOfSpaceTests.Outcome {
        var o = RecorderOutOfSpaceTests.Outcome()
        do { try scenario(&o) } catch { o.problems.append("\(error)") }
        return o
    }

    private static func scenario(_ o: inout RecorderOutOfSpaceTests.Outcome) throws {
        let scratch = try Resilience.scratch("rotfull")
        let fs = try SmallFilesystem(at: scratch + "/mnt", megabytes: 16)
        defer {
            fs.unmount()
            try? FileManager.default.removeItem(atPath: scratch)
        }
        // GPS time starts 2 s before a 10 s boundary.
        let boundary = GPSTime(week: 2400, timeOfWeekNanoseconds: 100_000 * GPSTime.nanosecondsPerSecond)
        let origin = boundary - .seconds(2)
        let notices = NoticeLog()
        let (recorder, now) = Resilience.recorder(
            on: fs, vehicleId: "ROTFULL", origin: origin, syncInterval: .milliseconds(100), notices: notices)
        defer { recorder.shutdown() }
        recorder.send(.start)
        let frame = UBXFrame.encode(messageClass: 0x0A, id: 0x04, payload: Array(repeating: 0x5A, count: 500))
        func submit() {
            let (_, t) = now()
            recorder.submit(.raw(file: "gnss/rx.ubx", bytes: frame, records: 1, time: t.stamp.gps))
        }
        // 1 s of data, then silence long enough for everything to be synced, then the disk fills.
        let began = Resilience.monotonicSeconds()
        while Resilience.monotonicSeconds() - began < 1 {
            submit()
            Resilience.sleep(seconds: 0.05)
        }
        Resilience.sleep(seconds: 0.4)
        try fs.fillCompletely(".filler")
        // The next item is past the boundary: the rotation is the first write to meet ENOSPC.
        while now().1.stamp.gps < boundary + .milliseconds(100) { Resilience.sleep(seconds: 0.05) }
        submit()
        let deadline = Resilience.monotonicSeconds() + 10
        while Resilience.monotonicSeconds() < deadline && recorder.status.state == .recording {
            Resilience.sleep(seconds: 0.05)
        }
        let status = recorder.status
        o.summary = "state \(status.state.rawValue); reasons \(status.reasons); notices \(notices.all)"
        if status.state != .stoppedDiskLow { o.problems.append("expected stopped-disk-low: \(o.summary)") }
        guard let session = Resilience.sessionDirectories(fs.path).first else {
            o.problems.append("no session")
            return
        }
        if Resilience.exists(session + "/session.lock") { o.problems.append("session not closed: \(o.summary)") }
        let report = BundleVerifier.verify(path: session)
        if !report.isSound { o.problems.append("session does not verify: \(report.problems)") }
        let segments = Resilience.segmentDirectories(session)
        for seg in segments {
            let info = (try? String(contentsOfFile: seg + "/bag-info.txt", encoding: .utf8)) ?? ""
            if info.contains("Takt-Close-Reason: recovered") { o.problems.append("\(seg) needed recovery: \(info)") }
        }
        let closeReasons = segments.map {
            ((try? String(contentsOfFile: $0 + "/bag-info.txt", encoding: .utf8)) ?? "")
                .split(separator: "\n").first { $0.hasPrefix("Takt-Close-Reason") } ?? "none"
        }
        o.summary += "; segments \(closeReasons)"
        if closeReasons.last.map({ !$0.hasSuffix("disk_low") }) ?? true {
            o.problems.append("the last segment should close as disk_low: \(closeReasons)")
        }
    }
}
