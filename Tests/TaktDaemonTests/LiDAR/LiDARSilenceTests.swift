import Foundation
import Logging
import TaktCore
import TaktSimulation
import TaktStore
import Testing

@testable import TaktDaemon

/// A LiDAR that stops sending mid-stream: the status board shows it silent while it is (the tracker's 0.5 s
/// threshold + 0.1 s ingest tick + 0.2 s status tick bound the delay at 0.8 s), it recovers when packets return,
/// and the gap is recorded as `gap-start`/`gap-end` events with GPS times on the timeline.
@Suite("LiDAR silence through the daemon", .serialized)
struct LiDARSilenceTests {
    @Test func silenceIsShownAndTheGapRecorded() async throws {
        let ouster = TestEnvironment.shared.appendingPathComponent("data/lidar/ouster")
        guard
            let capture = FileManager.default.contents(
                atPath: ouster.appendingPathComponent("OS-1-64_1024x10_fw20.pcap").path),
            let metadata = FileManager.default.contents(
                atPath: ouster.appendingPathComponent("OS-1-64_sensor_config_reduced.json").path)
        else {
            Issue.record("shared LiDAR data missing under \(ouster.path) (set TAKT_SHARED)")
            return
        }
        let dir = try TestEnvironment.temporaryDirectory("lidar-silence")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rigText = """
            {rigFormat: 1, vehicleId: "LIDAR2", sensors: [
              {id: "os0", kind: "lidar", model: "Ouster", options: {metadataFile: "meta.json"},
               connection: {udp: {bindAddress: "127.0.0.1", ports: [0, 0], receiveBufferBytes: 8388608}}}],
             output: {directory: "\(dir.path)/out", segmentSeconds: 60}, time: {requirePPSLock: false}}
            """
        try metadata.write(to: dir.appendingPathComponent("meta.json"))
        let rigPath = dir.appendingPathComponent("rig.json5").path
        try Data(rigText.utf8).write(to: URL(fileURLWithPath: rigPath))
        let rig = try RigFile.load(path: rigPath)
        let timeBase = TimeBase(configuration: .init(rig: rig), source: "test")
        let recorder = Recorder(
            configuration: .init(
                vehicleId: "LIDAR2", outputDirectory: dir.path + "/out", rigFileBytes: Array(rigText.utf8),
                sensorMetadata: try LiDARSensorSetup.metadataFiles(rig: rig, rigPath: rigPath), segmentSeconds: 60),
            now: {
                let m = HostClock.monotonic()
                return (m, timeBase.timelineTime(m))
            })
        recorder.send(.start)
        try await LiDARRoundTripTests.wait("recording") { recorder.status.state == .recording }
        let context = DaemonContext(
            rig: rig, rigPath: rigPath, timeBase: timeBase, recorder: recorder, board: StatusBoard(),
            logger: Logger(label: "test"), simulated: false, startedAt: HostClock.monotonic())
        let sensor = try #require(rig.sensors.first)
        // Port 0 in the rig would bind an ephemeral port the replayer cannot know: bind fixed test ports.
        let endpoint = UDPEndpoint(bindAddress: "127.0.0.1", ports: [27_502, 27_503], receiveBufferBytes: 8 << 20)
        let setup = try LiDARSensorSetup(sensor: sensor, endpoint: endpoint, metadata: [UInt8](metadata))
        let service = Task { try await LiDARService(setup: setup, context: context).run() }
        try await LiDARRoundTripTests.wait("receiver bound") {
            context.board.copy().sensors.first?.detail == "waiting for packets"
        }

        let replayer = try LiDARPacketReplayer(
            capture: [UInt8](capture), pacing: .packetsPerSecond(1_000), portMap: [7502: 27_502, 7503: 27_503])
        let replay = Task.detached { try replayer.replay(faults: LiDARFaultPlan(silences: [40: .milliseconds(1_500)])) }
        try await LiDARRoundTripTests.wait("silent shown") { context.board.copy().sensors.first?.health == .silent }
        try await LiDARRoundTripTests.wait("back to ok") { context.board.copy().sensors.first?.health == .ok }
        let ledger = try await replay.value
        try await LiDARRoundTripTests.wait("all ingested") {
            let c = context.board.copy().sensors.first?.counters ?? [:]
            return (c["packets"] ?? 0) + (c["auxiliaryPackets"] ?? 0) >= Int64(ledger.sent)
        }
        service.cancel()
        _ = await service.result
        let counters = context.board.copy().sensors.first?.counters ?? [:]
        #expect(counters["silences"] == 1)
        #expect(counters["lost", default: -1] == 0)
        recorder.send(.stop)
        try await LiDARRoundTripTests.wait("stopped") { recorder.status.state == .stopped }
        recorder.shutdown()

        let sessions = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out").filter {
            $0.hasSuffix("_LIDAR2")
        }
        let session = dir.path + "/out/" + (try #require(sessions.first))
        let code = """
            import glob, json, sys
            from mcap.reader import make_reader
            for path in sorted(glob.glob(sys.argv[1] + "/segments/*/data/timeline.mcap")):
                with open(path, "rb") as f:
                    for _, _, m in make_reader(f).iter_messages(topics=["/events"]):
                        d = json.loads(m.data)
                        if d["source"] == "os0":
                            print(d["kind"], d.get("gap_start_gps_ns"), d.get("gap_end_gps_ns"))
            """
        let r = try TestEnvironment.run("python3", ["-c", code, session])
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.map { $0.first ?? "" } == ["gap-start", "gap-end"], "\(r.stdout) \(r.stderr)")
        if lines.count == 2, let start = Int64(lines[1][1]), let end = Int64(lines[1][2]) {
            // The gap spans the injected 1.5 s pause (plus the 1 ms packet spacing), measured in GPS time.
            #expect(end - start >= 1_500_000_000)
            #expect(end - start < 2_500_000_000)
        } else {
            Issue.record("gap-end without GPS times: \(r.stdout)")
        }
    }
}
