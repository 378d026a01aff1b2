import Foundation
import Synchronization
import TaktCore
import TaktStore
import Testing
@testable import TaktDaemon

/// A clock the test moves by hand: the recorder reads "now" only through it.
final class ManualTimeSource: Sendable {
    private let state: Mutex<(MonotonicInstant, GPSTime)>
    init(gps: GPSTime) { state = Mutex((MonotonicInstant(nanoseconds: 1_000_000_000_000), gps)) }
    func advance(_ d: Duration) {
        state.withLock { $0 = ($0.0 + d, $0.1 + d) }
    }
    var gps: GPSTime { state.withLock { $0.1 } }
    func now() -> (MonotonicInstant, TimelineTime) {
        state.withLock { s in
            (s.0, TimelineTime(StampedTime(gps: s.1, provenance: .ppsLocked, sigmaNanoseconds: 500), leapSeconds: 18))
        }
    }
}

@Suite(.serialized) struct RecorderTests {
    /// Waits (bounded) for the writer thread to reach a state.
    func waitFor(_ recorder: Recorder, _ cond: (RecordingStatus) -> Bool) async throws {
        for _ in 0..<400 {
            if cond(recorder.status) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("recorder did not reach the expected state: \(recorder.status)")
    }

    @Test func rotatesOnGPSBoundariesAndEverySegmentVerifies() async throws {
        let dir = try TestEnvironment.temporaryDirectory("recorder")
        defer { try? FileManager.default.removeItem(at: dir) }
        // 2026-06-01T08:14:57.5 UTC: the first boundary (10 s segments) is 2.5 s + leap offset away.
        let t0 = GPSTime(unixUTCNanoseconds: 1_780_301_697_500_000_000, leapSeconds: 18)
        let clock = ManualTimeSource(gps: t0)
        let recorder = Recorder(
            configuration: .init(
                vehicleId: "TEST1", outputDirectory: dir.path, rigFileBytes: Array("{rigFormat: 1}".utf8),
                segmentSeconds: 10, syncInterval: .milliseconds(100)),
            now: { clock.now() })
        recorder.send(.start)
        try await waitFor(recorder) { $0.state == .recording }

        // 35 s of data at 10 Hz: a UBX frame and a timeline message each tick.
        var written = 0
        for i in 0..<350 {
            let (_, t) = clock.now()
            let frame = UBXFrame.encode(messageClass: 0x01, id: 0x07, payload: Array(repeating: UInt8(i & 0xFF), count: 92))
            #expect(recorder.submit(.raw(file: "gnss/g0.ubx", bytes: frame, records: 1, time: t.stamp.gps)))
            let msg = EventMessage(time: t, kind: "test", source: "test", message: "tick \(i)")
            #expect(recorder.submit(.timeline(topic: "/events", schema: .event, time: t, json: try TimelineJSON.encode(msg))))
            written += 1
            clock.advance(.milliseconds(100))
            if i % 50 == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        recorder.send(.stop)
        try await waitFor(recorder) { $0.state == .stopped }
        recorder.shutdown()

        let sessions = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix("_TEST1") }
        #expect(sessions.count == 1)
        let session = dir.appendingPathComponent(sessions[0])
        let report = BundleVerifier.verify(path: session.path)
        #expect(report.isSound, "\(report.problems)")
        let segments = try FileManager.default.contentsOfDirectory(atPath: session.appendingPathComponent("segments").path).sorted()
        // 2.5 s + 10 + 10 + 10 + 2.5 → 5 segments.
        #expect(segments.count == 5)

        // Every segment's data is on its side of the GPS boundary, and nothing was lost: count frames and messages.
        var frames = 0
        for s in segments {
            let ubx = try Data(contentsOf: session.appendingPathComponent("segments/\(s)/data/gnss/g0.ubx"))
            frames += ubx.count / (92 + 8)
            let bagit = try TestEnvironment.run("python3", ["-m", "bagit", "--validate", "--quiet", "."], cwd: session.appendingPathComponent("segments/\(s)"))
            #expect(bagit.status == 0, "\(bagit.stderr)")
        }
        #expect(frames == written)

        // python-mcap reads every timeline completely, CRCs checked, log times monotonic per channel.
        let script = """
            import sys, glob, json
            from mcap.reader import make_reader
            from mcap.stream_reader import StreamReader
            total = 0
            for f in sorted(glob.glob(sys.argv[1] + "/segments/*/data/timeline.mcap")):
                with open(f, "rb") as fh:
                    r = make_reader(fh, validate_crcs=True)
                    last = {}
                    n = 0
                    for schema, ch, m in r.iter_messages(log_time_order=False):
                        assert m.log_time >= last.get(ch.topic, 0), (f, ch.topic)
                        last[ch.topic] = m.log_time
                        json.loads(m.data)
                        n += 1
                    st = r.get_summary().statistics
                    assert st.message_count == n, (st.message_count, n)
                    assert len(r.get_summary().schemas) >= 1 and len(list(r.iter_attachments())) == 1
                    total += sum(1 for x in r.iter_messages(topics=["/events"]))
                with open(f, "rb") as fh:
                    for _ in StreamReader(fh, validate_crcs=True).records: pass
            print(total)
            """
        let py = try TestEnvironment.run("python3", ["-c", script, session.path])
        #expect(py.status == 0, "\(py.stderr)")
        #expect(Int(py.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == written)
    }

    @Test func pauseClosesTheSegmentAndResumeOpensTheNext() async throws {
        let dir = try TestEnvironment.temporaryDirectory("recorder-pause")
        defer { try? FileManager.default.removeItem(at: dir) }
        let clock = ManualTimeSource(gps: GPSTime(unixUTCNanoseconds: 1_780_301_700_000_000_000, leapSeconds: 18))
        let recorder = Recorder(
            configuration: .init(vehicleId: "P1", outputDirectory: dir.path, rigFileBytes: [], segmentSeconds: 60,
                                 syncInterval: .milliseconds(100)),
            now: { clock.now() })
        recorder.send(.start)
        try await waitFor(recorder) { $0.state == .recording }
        recorder.send(.pause)
        try await waitFor(recorder) { $0.state == .paused }
        let (_, t) = clock.now()
        recorder.submit(.raw(file: "gnss/x.nmea", bytes: Array("$GPZDA*00\r\n".utf8), records: 1, time: t.stamp.gps))
        clock.advance(.seconds(1))
        recorder.send(.resume)
        try await waitFor(recorder) { $0.state == .recording && $0.segmentIndex == 1 }
        recorder.send(.mark("after resume"))
        recorder.shutdown()
        #expect(recorder.status.state == .stopped)
        #expect(recorder.status.segmentsClosed == 2)
        #expect(recorder.status.marks == 1)
        let session = try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix("_P1") }
        let report = BundleVerifier.verify(path: dir.appendingPathComponent(session ?? "missing").path)
        #expect(report.isSound, "\(report.problems)")
    }
}
