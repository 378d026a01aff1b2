import Foundation
import TaktStore
import Testing

/// Written once against a rig; runs on every rig in `TestRig.available`.
@Suite(.serialized) struct RecordingTests {
    @Test(arguments: TestRig.available)
    func recordsAVerifiedSessionAndAnswersStatus(rig: TestRig) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: TestRig.takt.path), "build takt first: swift build")
        let dir = try TestEnvironment.temporaryDirectory("hil")
        defer { try? FileManager.default.removeItem(at: dir) }
        let socket = dir.appendingPathComponent("takt.sock")
        let process = try rig.start(output: dir, socket: socket, seconds: 24)

        // While recording: status answers, with a session and a GNSS fix.
        var status: [String: Any]?
        for _ in 0..<60 {
            try await Task.sleep(for: .milliseconds(500))
            let r = try TestEnvironment.run(TestRig.takt.path, ["status", "--json", "--socket", socket.path])
            if r.status == 0 || r.status == 3, let d = r.stdout.data(using: .utf8),
                let s = try? JSONSerialization.jsonObject(with: d) as? [String: Any],
                let rec = s["recording"] as? [String: Any], rec["sessionPath"] != nil,
                let gnss = s["gnss"] as? [[String: Any]], gnss.contains(where: { ($0["fixMode"] as? Int ?? 0) >= 2 }),
                !rig.hasReplayedLiDAR || Self.lidarDelivering(s)
            {
                status = s
                break
            }
        }
        #expect(status != nil, "status never showed a recording session with a GNSS fix (and the LiDAR ok)")
        let mark = try TestEnvironment.run(TestRig.takt.path, ["mark", "--socket", socket.path, "integration test mark"])
        #expect(mark.status == 0, "\(mark.stderr)")

        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        let sessions = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("Z_") }
        #expect(sessions.count == 1)
        let session = dir.appendingPathComponent(try #require(sessions.first))
        let verify = BundleVerifier.verify(path: session.path)
        #expect(verify.isSound, "\(verify.problems)")
        #expect(verify.segmentsChecked >= 1)

        // The independent reader sees fixes, clock state and the operator's mark; manifests pass sha256sum and bagit.
        let py = try TestEnvironment.run("python3", ["-c", """
            import sys, glob, json, collections
            from mcap.reader import make_reader
            c = collections.Counter(); marks = []
            for f in sorted(glob.glob(sys.argv[1] + '/segments/*/data/timeline.mcap')):
                with open(f, 'rb') as fh:
                    for s, ch, m in make_reader(fh, validate_crcs=True).iter_messages():
                        c[ch.topic.split('/')[1]] += 1
                        if ch.topic == '/events':
                            d = json.loads(m.data)
                            if d['kind'] == 'mark': marks.append(d['message'])
            print(json.dumps({'counts': c, 'marks': marks}))
            """, session.path])
        #expect(py.status == 0, "\(py.stderr)")
        let out = try JSONSerialization.jsonObject(with: Data(py.stdout.utf8)) as? [String: Any]
        let counts = out?["counts"] as? [String: Int] ?? [:]
        #expect((counts["gnss"] ?? 0) > 10)
        #expect((counts["time"] ?? 0) > 10)
        #expect((out?["marks"] as? [String]) == ["integration test mark"])
        if rig.hasReplayedLiDAR {
            try Self.checkLiDAR(session: session, frames: counts["lidar"] ?? 0, scratch: dir)
        }
        for seg in try FileManager.default.contentsOfDirectory(atPath: session.appendingPathComponent("segments").path) {
            let d = session.appendingPathComponent("segments/\(seg)")
            #expect(try TestEnvironment.run("sha256sum", ["--quiet", "-c", "manifest-sha256.txt"], cwd: d).status == 0)
            #expect(try TestEnvironment.run("python3", ["-m", "bagit", "--validate", "--quiet", "."], cwd: d).status == 0)
        }
    }

    static func lidarDelivering(_ status: [String: Any]) -> Bool {
        let sensors = status["sensors"] as? [[String: Any]] ?? []
        return sensors.contains { $0["kind"] as? String == "lidar" && $0["health"] as? String == "ok" }
    }

    /// The simulated LiDAR: `/lidar/os0/frames` on the timeline, and `takt export pcap` joins the segments into
    /// one pcap that capinfos counts and ouster-sdk reads packet for packet with the metadata beside it.
    static func checkLiDAR(session: URL, frames: Int, scratch: URL) throws {
        #expect(frames > 100, "expected ~20 frames/s of /lidar/os0/frames records, got \(frames)")
        let output = scratch.appendingPathComponent("export/os0.pcap")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        let export = try TestEnvironment.run(
            TestRig.takt.path, ["export", "pcap", session.path, "--sensor", "os0", "--output", output.path])
        #expect(export.status == 0, "\(export.stdout) \(export.stderr)")
        let capinfos = try TestEnvironment.run("capinfos", ["-c", "-M", output.path])
        let packets = capinfos.stdout.split(separator: "\n").first { $0.contains("Number of packets") }
            .flatMap { Int($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") } ?? 0
        #expect(packets > 20 * 64, "capinfos: \(capinfos.stdout)")
        let script = TestEnvironment.repoRoot.appendingPathComponent("scripts/peers/ouster_reference.py").path
        let peer = try TestEnvironment.run(
            "python3", [script, output.path, output.deletingPathExtension().appendingPathExtension("json").path])
        let json = try JSONSerialization.jsonObject(with: Data(peer.stdout.utf8)) as? [String: Any]
        #expect((json?["lidar"] as? [Any])?.count == packets, "ouster-sdk: \(peer.stderr)")
    }
}
