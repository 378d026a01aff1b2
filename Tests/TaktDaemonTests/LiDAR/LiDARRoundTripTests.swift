import Foundation
import Logging
import TaktCore
import TaktSimulation
import TaktStore
import Testing

@testable import TaktDaemon

/// The issue's acceptance test: every shared Ouster capture replayed over loopback UDP into the daemon's own
/// `LiDARService` and `Recorder` gives segment pcaps whose UDP payloads are byte-identical and in order (read back
/// with tshark, counted with capinfos), one `/lidar/<id>/frames` record per frame ouster-sdk sees, and a joined
/// export that ouster-sdk opens with the metadata beside it.
@Suite("LiDAR round trip through the daemon", .serialized)
struct LiDARRoundTripTests {
    /// Capture → metadata, as in the decoder tests (ouster-sdk's longest-prefix pairing).
    static let captures: [(pcap: String, metadata: String)] = [
        ("OS-0-128-U1_v2.3.0_1024x10", "OS-0-128-U1_v2.3.0_1024x10"),
        ("OS-0-32-U1_v2.2.0_1024x10", "OS-0-32-U1_v2.2.0_1024x10"),
        ("OS-0-32-U1_v2.2.0_1024x10-single-packet", "OS-0-32-U1_v2.2.0_1024x10"),
        ("OS-1-128_767798045_1024x10_20230712_120049", "OS-1-128_767798045_1024x10_20230712_120049"),
        ("OS-1-128_v2.3.0_1024x10_lb_n3", "OS-1-128_v2.3.0_1024x10"),
        ("OS-1-64_1024x10_fw20", "OS-1-64_sensor_config_reduced"),
        ("OS-2-32-U0_v2.0.0_1024x10", "OS-2-32-U0_v2.0.0_1024x10"),
        ("duplicate_id", "duplicate_id"),
        ("empty_pcap", "empty_pcap"),
    ]

    static var ousterDirectory: URL { TestEnvironment.shared.appendingPathComponent("data/lidar/ouster") }

    @Test("replayed capture is recorded byte-identical", arguments: Array(captures.enumerated().map { $0 }))
    func roundTrip(_ entry: (offset: Int, element: (pcap: String, metadata: String))) async throws {
        let (name, metadataName) = entry.element
        let pcapURL = Self.ousterDirectory.appendingPathComponent("\(name).pcap")
        let metadataURL = Self.ousterDirectory.appendingPathComponent("\(metadataName).json")
        guard let capture = FileManager.default.contents(atPath: pcapURL.path),
            let metadataBytes = FileManager.default.contents(atPath: metadataURL.path)
        else {
            Issue.record("shared LiDAR data missing: \(pcapURL.path) (set TAKT_SHARED)")
            return
        }
        let dir = try TestEnvironment.temporaryDirectory("lidar-rt")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The capture's own ports: ouster-sdk reads only the metadata's udp_port_lidar/imu from a pcap.
        let datagrams = try PcapCaptureReader.udpDatagrams(in: [UInt8](capture))
        let lidarPort =
            datagrams.first { $0.payload.count != OusterPacketFormat.imuPacketSize }?.destinationPort ?? 7502
        let imuPort = datagrams.first { $0.payload.count == OusterPacketFormat.imuPacketSize }?.destinationPort ?? 7503
        try metadataBytes.write(to: dir.appendingPathComponent("meta.json"))
        let rigPath = dir.appendingPathComponent("rig.json5").path
        let rigText = """
            {rigFormat: 1, vehicleId: "LIDAR1", sensors: [
              {id: "os0", kind: "lidar", model: "Ouster", options: {metadataFile: "meta.json"},
               connection: {udp: {bindAddress: "127.0.0.1", ports: [\(lidarPort), \(imuPort)], receiveBufferBytes: 8388608}}}],
             output: {directory: "\(dir.path)/out", segmentSeconds: 60}, time: {requirePPSLock: false}}
            """
        try Data(rigText.utf8).write(to: URL(fileURLWithPath: rigPath))
        let rig = try RigFile.load(path: rigPath)
        let files = try LiDARSensorSetup.metadataFiles(rig: rig, rigPath: rigPath)
        #expect(files["lidar-os0.json"] == [UInt8](metadataBytes))

        let timeBase = TimeBase(configuration: .init(rig: rig), source: "test")
        let recorder = Recorder(
            configuration: .init(
                vehicleId: "LIDAR1", outputDirectory: dir.path + "/out", rigFileBytes: Array(rigText.utf8),
                sensorMetadata: files, segmentSeconds: 60),
            now: {
                let m = HostClock.monotonic()
                return (m, timeBase.timelineTime(m))
            })
        recorder.send(.start)
        try await Self.wait("recording") { recorder.status.state == .recording }
        let context = DaemonContext(
            rig: rig, rigPath: rigPath, timeBase: timeBase, recorder: recorder, board: StatusBoard(),
            logger: Logger(label: "test"), simulated: false, startedAt: HostClock.monotonic())
        let sensor = try #require(rig.sensors.first)
        let setup = try LiDARSensorSetup(
            sensor: sensor, endpoint: try #require(sensor.connection.udp), metadata: files["lidar-os0.json"])
        let service = Task { try await LiDARService(setup: setup, context: context).run() }
        try await Self.wait("receiver bound") {
            context.board.copy().sensors.first?.detail == "waiting for packets"
        }

        let replayer = try LiDARPacketReplayer(capture: [UInt8](capture), pacing: .packetsPerSecond(2_000))
        let ledger = try replayer.replay()
        #expect(ledger.sent == datagrams.count)
        try await Self.wait("all datagrams ingested") {
            let c = context.board.copy().sensors.first?.counters ?? [:]
            return (c["packets"] ?? 0) + (c["auxiliaryPackets"] ?? 0) + (c["malformed"] ?? 0) >= Int64(datagrams.count)
        }
        service.cancel()
        _ = await service.result
        let counters = context.board.copy().sensors.first?.counters ?? [:]
        #expect(counters["malformed", default: 0] == 0)
        #expect(counters["queueOverflows", default: 0] == 0)
        #expect(counters["kernelDrops", default: 0] == 0)
        recorder.send(.stop)
        try await Self.wait("stopped") { recorder.status.state == .stopped }
        recorder.shutdown()

        let sessions = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out").filter {
            $0.hasSuffix("_LIDAR1")
        }
        let session = dir.path + "/out/" + (try #require(sessions.first))
        let verify = BundleVerifier.verify(path: session)
        #expect(verify.isSound, "\(verify.problems)")
        let peer = try Self.peer([pcapURL.path, metadataURL.path])
        let frameRecords = try Self.frameRecords(session: session)
        let expectedFrames = Set(peer.lidarFrameIDs).count
        #expect(frameRecords == expectedFrames, "frames in the timeline vs ouster-sdk's distinct frame ids")
        if datagrams.isEmpty { return }

        let exported = dir.appendingPathComponent("export/os0.pcap").path
        try FileManager.default.createDirectory(atPath: dir.path + "/export", withIntermediateDirectories: true)
        let report = try PcapExporter.run(session: session, sensor: "os0", output: exported)
        #expect(report.records == datagrams.count)
        #expect(FileManager.default.contents(atPath: dir.path + "/export/os0.json") == metadataBytes)

        // Independent readers: tshark payloads (original reassembled from its IP fragments), capinfos counts.
        // tshark places a fragmented datagram at its last fragment (when a kernel would deliver it) while the
        // replayer sends in first-fragment order, so an IMU packet may swap with a lidar packet around it: the
        // recording must equal what was sent exactly, and the original per stream (lidar, IMU) in order.
        let original = try Self.tsharkPayloads(pcapURL.path)
        let recorded = try Self.tsharkPayloads(exported)
        let sent = ledger.sentDatagrams.map { $0.payload.map { String(format: "%02x", $0) }.joined() }
        // Lidar and IMU arrive on two sockets drained in batches, so their interleaving follows the receive
        // batches (the record times are the kernel's); each stream is in exact order.
        let isIMU = { (hex: String) in hex.count == 2 * OusterPacketFormat.imuPacketSize }
        #expect(recorded.count == sent.count)
        #expect(recorded.filter { !isIMU($0) } == sent.filter { !isIMU($0) }, "recorded lidar stream differs from sent")
        #expect(recorded.filter(isIMU) == sent.filter(isIMU), "recorded IMU stream differs from sent")
        if name == "duplicate_id" {
            // Fragments of different datagrams share IP ids: tshark pairs them differently from ouster-sdk and
            // Takt's reader (which agree: see the ouster-sdk re-read below), so tshark's view cannot match.
            withKnownIssue("tshark reassembles duplicate IP ids differently from ouster-sdk") {
                #expect(recorded == original)
            }
        } else if original.count == datagrams.count {
            #expect(recorded.filter { !isIMU($0) } == original.filter { !isIMU($0) }, "lidar stream differs")
            #expect(recorded.filter(isIMU) == original.filter(isIMU), "IMU stream differs")
        } else {
            // tshark cannot reassemble some fragments (duplicate IP ids): what it can read must be recorded.
            #expect(Set(original).isSubset(of: Set(recorded)))
        }
        let capinfos = try TestEnvironment.run("capinfos", ["-c", "-M", exported])
        #expect(capinfos.stdout.contains("Number of packets:   \(datagrams.count)"), "\(capinfos.stdout)")
        let reread = try Self.peer([exported, dir.path + "/export/os0.json"])
        #expect(reread.lidarFrameIDs == peer.lidarFrameIDs)
        #expect(reread.imuCount == peer.imuCount)
    }

    static func wait(_ what: String, _ condition: () -> Bool) async throws {
        for _ in 0..<500 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("timed out waiting for: \(what)")
        throw CancellationError()
    }

    static func tsharkPayloads(_ path: String) throws -> [String] {
        let r = try TestEnvironment.run("tshark", ["-r", path, "-Y", "udp", "-T", "fields", "-e", "udp.payload"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").map(String.init)
    }

    struct Peer {
        var lidarFrameIDs: [Int]
        var imuCount: Int
    }

    static func peer(_ arguments: [String]) throws -> Peer {
        let script = TestEnvironment.repoRoot.appendingPathComponent("scripts/peers/ouster_reference.py").path
        let r = try TestEnvironment.run("python3", [script] + arguments)
        guard r.status == 0, let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
            let lidar = json["lidar"] as? [[String: Any]], let imu = json["imu"] as? [Any]
        else {
            Issue.record("ouster-sdk peer failed: \(r.stderr)")
            throw CancellationError()
        }
        return Peer(lidarFrameIDs: lidar.compactMap { ($0["frame_id"] as? NSNumber)?.intValue }, imuCount: imu.count)
    }

    /// `/lidar/os0/frames` messages over every segment's timeline, read with python-mcap.
    static func frameRecords(session: String) throws -> Int {
        let code = """
            import glob, sys
            from mcap.reader import make_reader
            n = 0
            for path in sorted(glob.glob(sys.argv[1] + "/segments/*/data/timeline.mcap")):
                with open(path, "rb") as f:
                    for _ in make_reader(f).iter_messages(topics=["/lidar/os0/frames"]):
                        n += 1
            print(n)
            """
        let r = try TestEnvironment.run("python3", ["-c", code, session])
        guard r.status == 0, let n = Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            Issue.record("python-mcap failed: \(r.stderr)")
            throw CancellationError()
        }
        return n
    }
}
