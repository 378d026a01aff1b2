import Foundation
import TaktCore
import Testing
@testable import TaktDaemon

/// A camera image and the exposure record naming it are one `.group`: they land in the same segment even when the
/// record's time lies past the segment boundary (a plain item with that time would have rotated).
@Suite(.serialized) struct RecordGroupTests {
    @Test func groupNeverSplitsAcrossARotation() async throws {
        let dir = try TestEnvironment.temporaryDirectory("group")
        defer { try? FileManager.default.removeItem(at: dir) }
        // 10 s segments; the first boundary is 0.5 s (plus the leap offset) away.
        let t0 = GPSTime(unixUTCNanoseconds: 1_780_301_699_500_000_000, leapSeconds: 18)
        let boundary = GPSTime(nanosecondsSinceEpoch: (t0.nanosecondsSinceEpoch / 10_000_000_000 + 1) * 10_000_000_000)
        let clock = ManualTimeSource(gps: t0)
        let recorder = Recorder(
            configuration: .init(vehicleId: "G1", outputDirectory: dir.path, rigFileBytes: [], segmentSeconds: 10,
                                 syncInterval: .milliseconds(100)),
            now: { clock.now() })
        recorder.send(.start)
        for _ in 0..<300 where recorder.status.state != .recording { try await Task.sleep(for: .milliseconds(10)) }
        try #require(recorder.status.state == .recording)

        func event(_ text: String, at t: GPSTime) throws -> RecordItem {
            let time = TimelineTime(StampedTime(gps: t, provenance: .ppsLocked, sigmaNanoseconds: 1), leapSeconds: 18)
            return .timeline(topic: "/events", schema: .event, time: time,
                             json: try TimelineJSON.encode(EventMessage(time: time, kind: "test", source: "t", message: text)))
        }
        let before = boundary - .milliseconds(5)
        let after = boundary + .milliseconds(5)
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xD9]
        // Image before the boundary, its record after: both in segment 0.
        #expect(recorder.submit(.group([.wholeFile(file: "img/c/000001.jpg", bytes: jpeg, time: before), try event("grouped", at: after)])))
        // A plain item after the boundary rotates; the next image goes to segment 1.
        #expect(recorder.submit(try event("plain", at: after)))
        #expect(recorder.submit(.group([.wholeFile(file: "img/c/000002.jpg", bytes: jpeg, time: after), try event("second", at: after)])))
        clock.advance(.seconds(1))
        recorder.send(.stop)
        for _ in 0..<300 where recorder.status.state != .stopped { try await Task.sleep(for: .milliseconds(10)) }
        recorder.shutdown()

        let session = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix("_G1") })
        let segs = dir.appendingPathComponent("\(session)/segments")
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: segs.appendingPathComponent("000000/data/img/c/000001.jpg").path))
        #expect(fm.fileExists(atPath: segs.appendingPathComponent("000001/data/img/c/000002.jpg").path))
        let py = try TestEnvironment.run("python3", ["-c", """
            import sys, json, glob, os
            from mcap.reader import make_reader
            out = {}
            for f in sorted(glob.glob(sys.argv[1] + '/*/data/timeline.mcap')):
                seg = f.split('/')[-3]
                with open(f, 'rb') as fh:
                    for s, ch, m in make_reader(fh, validate_crcs=True).iter_messages(topics=['/events']):
                        out[json.loads(m.data)['message']] = seg
            print(json.dumps(out))
            """, segs.path])
        try #require(py.status == 0, "\(py.stderr)")
        let where_ = try JSONDecoder().decode([String: String].self, from: Data(py.stdout.utf8))
        #expect(where_["grouped"] == "000000")
        #expect(where_["plain"] == "000001")
        #expect(where_["second"] == "000001")
    }
}
