import Foundation
import Logging
import TaktCore
import TaktSimulation
import TaktStore
import Testing

@testable import TaktDaemon

/// Truncated, oversized, wrong-port and random datagrams sent over UDP into the daemon's `LiDARService` for a
/// Velodyne: each is counted as malformed on the status board, logged with its reason, and still recorded in the
/// pcap; the good packets around them are counted and the service keeps running.
@Suite("LiDAR bad input through the daemon", .serialized)
struct LiDARBadInputServiceTests {
    /// Log lines the service wrote. `@unchecked Sendable`: `lines` is only touched under `lock`.
    final class CapturedLog: @unchecked Sendable {
        let lock = NSLock()
        var lines: [String] = []
        func contains(_ text: String) -> Bool { lock.withLock { lines.contains { $0.contains(text) } } }
    }

    struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            log.lock.withLock { log.lines.append("\(event.level) \(event.message)") }
        }
    }

    @Test func badDatagramsAreCountedLoggedAndRecorded() async throws {
        let dir = try TestEnvironment.temporaryDirectory("lidar-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (dataPort, positionPort): (UInt16, UInt16) = (26_368, 26_369)
        let rigText = """
            {rigFormat: 1, vehicleId: "LIDAR3", sensors: [
              {id: "vlp0", kind: "lidar", model: "Velodyne VLP-16",
               connection: {udp: {bindAddress: "127.0.0.1", ports: [\(dataPort), \(positionPort)], receiveBufferBytes: 8388608}}}],
             output: {directory: "\(dir.path)/out", segmentSeconds: 60}, time: {requirePPSLock: false}}
            """
        let rigPath = dir.appendingPathComponent("rig.json5").path
        try Data(rigText.utf8).write(to: URL(fileURLWithPath: rigPath))
        let rig = try RigFile.load(path: rigPath)
        let timeBase = TimeBase(configuration: .init(rig: rig), source: "test")
        let recorder = Recorder(
            configuration: .init(
                vehicleId: "LIDAR3", outputDirectory: dir.path + "/out", rigFileBytes: Array(rigText.utf8),
                segmentSeconds: 60),
            now: {
                let m = HostClock.monotonic()
                return (m, timeBase.timelineTime(m))
            })
        recorder.send(.start)
        try await LiDARRoundTripTests.wait("recording") { recorder.status.state == .recording }
        let log = CapturedLog()
        let context = DaemonContext(
            rig: rig, rigPath: rigPath, timeBase: timeBase, recorder: recorder, board: StatusBoard(),
            logger: Logger(label: "test") { _ in CapturingHandler(log: log) }, simulated: false,
            startedAt: HostClock.monotonic())
        let sensor = try #require(rig.sensors.first)
        let setup = try LiDARSensorSetup(sensor: sensor, endpoint: try #require(sensor.connection.udp), metadata: nil)
        let service = Task {
            try await LiDARService(setup: setup, context: context, statusInterval: .milliseconds(20)).run()
        }
        try await LiDARRoundTripTests.wait("receiver bound") {
            context.board.copy().sensors.first?.detail == "waiting for packets"
        }

        let model = VelodyneStreamModel(product: .vlp16)
        var index: Int64 = 0
        func good(_ count: Int) throws {
            let packets = (0..<count).map { _ in
                defer { index += 1 }
                return LiDARPacketReplayer.Packet(
                    offset: .zero, originalPort: dataPort,
                    payload: model.packet(index: index, startMicrosecondsPastHour: 0))
            }
            _ = try LiDARPacketReplayer(packets: packets, pacing: .packetsPerSecond(2000)).replay()
        }
        var generator = SplitMix64(seed: 3)
        let template = model.packet(index: 1000, startMicrosecondsPastHour: 0)
        let bad: [(name: String, port: UInt16, payload: [UInt8], reason: String)] = [
            (
                "truncated", dataPort, Array(template.prefix(1205)),
                "1205 B on port \(dataPort): Velodyne packet of 1205 B"
            ),
            ("oversized", dataPort, template + [0], "1207 B on port \(dataPort): Velodyne packet of 1207 B"),
            ("wrong port", positionPort, template, "a Velodyne data packet on the position port"),
            (
                "random bytes", dataPort, (0..<777).map { _ in UInt8.random(in: 0...255, using: &generator) },
                "777 B on port \(dataPort): Velodyne packet of 777 B"
            ),
        ]
        try good(40)
        for (count, entry) in bad.enumerated() {
            _ = try LiDARPacketReplayer(
                packets: [.init(offset: .zero, originalPort: entry.port, payload: entry.payload)], pacing: .unpaced
            ).replay()
            try await LiDARRoundTripTests.wait("\(entry.name) logged") { log.contains(entry.reason) }
            #expect(context.board.copy().sensors.first?.counters["malformed"] == Int64(count + 1), "\(entry.name)")
            try good(10)
        }
        try await LiDARRoundTripTests.wait("all ingested") {
            let c = context.board.copy().sensors.first?.counters ?? [:]
            return (c["packets"] ?? 0) + (c["malformed"] ?? 0) >= 84
        }
        service.cancel()
        _ = await service.result
        let counters = context.board.copy().sensors.first?.counters ?? [:]
        #expect(counters["packets"] == 80)
        #expect(counters["malformed"] == 4)
        #expect(counters["lost"] == 0 && counters["auxiliaryPackets"] == 0)
        #expect(log.contains("vlp0: 1 malformed datagram(s) (4 in total)"))
        recorder.send(.stop)
        try await LiDARRoundTripTests.wait("stopped") { recorder.status.state == .stopped }
        recorder.shutdown()

        // Every datagram, bad ones included, is in the pcap exactly as sent.
        let session = try #require(
            try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out").first { $0.hasSuffix("_LIDAR3") })
        let pcaps = try FileManager.default.subpathsOfDirectory(atPath: dir.path + "/out/" + session).filter {
            $0.hasSuffix("lidar-vlp0.pcap")
        }
        var recorded: [[UInt8]] = []
        for path in pcaps.sorted() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.path + "/out/" + session + "/" + path)))
            recorded += try PcapCaptureReader.udpDatagrams(in: bytes).map(\.payload)
        }
        #expect(recorded.count == 84)
        for entry in bad { #expect(recorded.contains(entry.payload), "\(entry.name) recorded") }
    }
}
