import Foundation
import Glibc
import Logging
import Synchronization
import TaktCore
import TaktDaemon
import TaktSimulation
import TaktStore

/// The combined capacity case: an OS1-128 at 2048×10 and a VLS-128 streaming at the same time, each at
/// `multiple` × its real packet rate, into the daemon's own path: two `LiDARService`s (receiver, ingest with the
/// decoders and loss tracker, clock stamping) submitting to one `Recorder` that writes the session's segment
/// pcaps, while one `tcpdump -w` captures both streams in the same run.
struct LiDARCombinedBench {
    /// OS1-128 at 2048×10: 128 packets of 16 columns per frame, 10 frames/s (protocols.md §3.3).
    static let ousterRate = 1280.0
    /// VLS-128 single return at 600 rpm: 3 firing sequences × 53.3 µs per packet (ros-drivers' 6253.9/s).
    static let velodyneRate = 6253.9

    struct Sensor: Sendable {
        var id: String
        var payloadBytes: Int
        var targetRate: Double
        var achievedRate: Double
        var sent: Int
        var received: Int64
        var recorded: Int
        var lost: Int64
        var malformed: Int64
        var queueOverflows: Int64
        var kernelDrops: Int64
        var completeFrames: Int64
        var incompleteFrames: Int64
        var tcpdumpRecords: Int?

        var lossFree: Bool {
            received == Int64(sent) && recorded == sent && lost == 0 && queueOverflows == 0 && kernelDrops == 0
        }
    }

    struct Result: Sendable {
        var multiple: Double
        var sensors: [Sensor]
        var recorderQueueDrops: Int64
        var seconds: Double
        var taktCPUSeconds: Double
        var senderCPUSeconds: Double
        var tcpdumpCPUSeconds: Double?
        var tcpdumpKernelDrops: Int?

        var lossFree: Bool { sensors.allSatisfy(\.lossFree) && recorderQueueDrops == 0 }
        var tcpdumpLossFree: Bool? {
            guard sensors.allSatisfy({ $0.tcpdumpRecords != nil }) else { return nil }
            return sensors.allSatisfy { $0.tcpdumpRecords == $0.sent } && (tcpdumpKernelDrops ?? 0) == 0
        }
    }

    var directory: String
    var tcpdump: String?
    var receiveBufferBytes: Int
    var seconds: Double
    var ousterPort: UInt16
    var velodynePort: UInt16

    struct Failed: Error, CustomStringConvertible { var description: String }

    func run(multiple: Double) async throws -> Result {
        let dir = "\(directory)/combined-\(multiple)x"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(Self.metadata.utf8).write(to: URL(fileURLWithPath: dir + "/os1-128.json"))
        let rigPath = dir + "/rig.json5"
        let rigText = """
            {rigFormat: 1, vehicleId: "BENCH", sensors: [
              {id: "os0", kind: "lidar", model: "Ouster OS1-128 2048x10", options: {metadataFile: "os1-128.json"},
               connection: {udp: {bindAddress: "127.0.0.1", ports: [\(ousterPort), \(ousterPort + 1)], receiveBufferBytes: \(receiveBufferBytes)}}},
              {id: "vls0", kind: "lidar", model: "Velodyne VLS-128",
               connection: {udp: {bindAddress: "127.0.0.1", ports: [\(velodynePort), \(velodynePort + 1)], receiveBufferBytes: \(receiveBufferBytes)}}}],
             output: {directory: "\(dir)/out", segmentSeconds: 60}, time: {requirePPSLock: false}}
            """
        try Data(rigText.utf8).write(to: URL(fileURLWithPath: rigPath))
        let rig = try RigFile.load(path: rigPath)
        let files = try LiDARSensorSetup.metadataFiles(rig: rig, rigPath: rigPath)
        let timeBase = TimeBase(configuration: .init(rig: rig), source: "bench")
        let recorder = Recorder(
            configuration: .init(
                vehicleId: "BENCH", outputDirectory: dir + "/out", rigFileBytes: Array(rigText.utf8),
                sensorMetadata: files, segmentSeconds: 60),
            now: {
                let m = HostClock.monotonic()
                return (m, timeBase.timelineTime(m))
            })
        recorder.send(.start)
        try await Self.wait("recording") { recorder.status.state == .recording }
        let context = DaemonContext(
            rig: rig, rigPath: rigPath, timeBase: timeBase, recorder: recorder, board: StatusBoard(),
            logger: Logger(label: "takt.bench"), simulated: false, startedAt: HostClock.monotonic())
        var services: [Task<Void, any Error>] = []
        for sensor in rig.sensors {
            guard let endpoint = sensor.connection.udp else { continue }
            let setup = try LiDARSensorSetup(
                sensor: sensor, endpoint: endpoint, metadata: files["lidar-\(sensor.id).json"])
            services.append(Task { try await LiDARService(setup: setup, context: context).run() })
        }
        try await Self.wait("receivers bound") {
            let sensors = context.board.copy().sensors
            return sensors.count == 2 && sensors.allSatisfy { $0.detail == "waiting for packets" }
        }
        let tcpdumpPath = dir + "/tcpdump.pcap"
        let peer = try tcpdump.map {
            try TcpdumpPeer(
                executable: $0, ports: [ousterPort, velodynePort], path: tcpdumpPath,
                bufferKiB: receiveBufferBytes / 1024)
        }
        let tcpdumpCPUBefore = peer?.cpuSeconds

        let streams = try Self.streams(multiple: multiple, seconds: seconds, ports: (ousterPort, velodynePort))
        let cpuBefore = Self.cpuSeconds(RUSAGE_SELF)
        let wallStart = Date()
        let outcomes = Mutex<[String: (sent: Int, seconds: Double, cpu: Double)]>([:])
        let failure = Mutex<String?>(nil)
        for stream in streams {
            Thread {
                let cpu = Self.cpuSeconds(Self.thread)
                do {
                    let sent = try stream.sender.run(initial: stream.initial, prepare: stream.prepare)
                    let used = Self.cpuSeconds(Self.thread) - cpu
                    outcomes.withLock { $0[stream.id] = (sent.sent, sent.seconds, used) }
                } catch {
                    failure.withLock { $0 = "\(stream.id): \(error)" }
                }
            }.start()
        }
        while outcomes.withLock({ $0.count }) + (failure.withLock({ $0 }) == nil ? 0 : 2) < streams.count {
            try await Task.sleep(for: .milliseconds(50))
        }
        if let message = failure.withLock({ $0 }) { throw Failed(description: message) }
        // Drained when nothing new was counted for 0.6 s (the board refreshes every 0.2 s).
        var last: [Int64] = []
        while true {
            try await Task.sleep(for: .milliseconds(600))
            let now = context.board.copy().sensors.map { s in
                ["packets", "auxiliaryPackets", "malformed"].reduce(0) { $0 + (s.counters[$1] ?? 0) }
            }
            if now == last { break }
            last = now
        }
        let wall = Date().timeIntervalSince(wallStart)
        let taktCPU = Self.cpuSeconds(RUSAGE_SELF) - cpuBefore
        // Stopping drains each receiver's queue and puts the final counters on the board.
        for service in services { service.cancel() }
        for service in services { _ = await service.result }
        let board = context.board.copy()
        recorder.send(.stop)
        try await Self.wait("stopped") { recorder.status.state == .stopped }
        let queueDrops = recorder.queueDrops
        recorder.shutdown()

        // tcpdump reads the kernel ring in blocks released at least once a second: give it that long.
        if peer != nil { try await Task.sleep(for: .milliseconds(1200)) }
        let tcpdumpCPU = peer?.cpuSeconds.flatMap { after in tcpdumpCPUBefore.map { after - $0 } }
        let tcpdumpStats = peer?.stop()
        let tcpdumpCounts = peer.flatMap { _ in PcapRecordCounter.countByPort(path: tcpdumpPath) }

        let sent = outcomes.withLock { $0 }
        var sensors: [Sensor] = []
        for stream in streams {
            let counters = board.sensors.first { $0.id == stream.id }?.counters ?? [:]
            let outcome = sent[stream.id] ?? (0, 0, 0)
            sensors.append(
                Sensor(
                    id: stream.id, payloadBytes: stream.initial.count, targetRate: stream.sender.packetsPerSecond,
                    achievedRate: outcome.seconds > 0 ? Double(outcome.sent - 1) / outcome.seconds : 0,
                    sent: outcome.sent,
                    received: ["packets", "auxiliaryPackets", "malformed"].reduce(0) { $0 + (counters[$1] ?? 0) },
                    recorded: Self.recorded(sensor: stream.id, output: dir + "/out"), lost: counters["lost"] ?? 0,
                    malformed: counters["malformed"] ?? 0, queueOverflows: counters["queueOverflows"] ?? 0,
                    kernelDrops: counters["kernelDrops"] ?? 0, completeFrames: counters["completeFrames"] ?? 0,
                    incompleteFrames: counters["incompleteFrames"] ?? 0,
                    tcpdumpRecords: tcpdumpCounts.map { $0[stream.sender.port] ?? 0 }))
        }
        let senderCPU = sent.values.reduce(0) { $0 + $1.cpu }
        return Result(
            multiple: multiple, sensors: sensors, recorderQueueDrops: queueDrops, seconds: wall,
            taktCPUSeconds: taktCPU - senderCPU, senderCPUSeconds: senderCPU, tcpdumpCPUSeconds: tcpdumpCPU,
            tcpdumpKernelDrops: tcpdumpStats?.droppedByKernel)
    }

    struct Stream: Sendable {
        var id: String
        var sender: LiDARStreamSender
        var initial: [UInt8]
        var prepare: @Sendable (Int, inout [UInt8]) -> Void
    }

    /// The OS1-128 stream (RNG19 packets of 16 columns, frame and measurement ids and column times advancing as
    /// the sensor's) and the VLS-128 stream (`VelodyneStreamModel`), each `multiple` × its real rate.
    static func streams(multiple: Double, seconds: Double, ports: (UInt16, UInt16)) throws -> [Stream] {
        let format = try OusterMetadata(json: Array(metadata.utf8)).format
        var ouster = [UInt8](repeating: 0, count: format.lidarPacketSize)
        ouster[0] = 1  // packet type: lidar data
        ouster[4] = 0x56
        ouster[5] = 0x34
        ouster[6] = 0x12  // init id
        let columnSize = format.columnSize
        let header = format.profile.packetHeaderSize
        let perFrame = format.packetsPerFrame
        let columnNanoseconds = UInt64(100_000_000 / format.columnsPerFrame)
        let prepareOuster: @Sendable (Int, inout [UInt8]) -> Void = { index, bytes in
            let frame = UInt16(truncatingIfNeeded: index / perFrame)
            bytes[2] = UInt8(truncatingIfNeeded: frame)
            bytes[3] = UInt8(truncatingIfNeeded: frame >> 8)
            for column in 0..<format.columnsPerPacket {
                let base = header + column * columnSize
                let measurement = UInt16((index % perFrame) * format.columnsPerPacket + column)
                let time = 1_000_000_000 + UInt64(index * format.columnsPerPacket + column) * columnNanoseconds
                for byte in 0..<8 { bytes[base + byte] = UInt8(truncatingIfNeeded: time >> (8 * UInt64(byte))) }
                bytes[base + 8] = UInt8(truncatingIfNeeded: measurement)
                bytes[base + 9] = UInt8(truncatingIfNeeded: measurement >> 8)
                bytes[base + 10] = 1  // column valid
            }
        }
        let model = VelodyneStreamModel(product: .vls128)
        let start: UInt32 = 1_000_000
        let prepareVelodyne: @Sendable (Int, inout [UInt8]) -> Void = { index, bytes in
            model.retime(&bytes, index: Int64(index), startMicrosecondsPastHour: start)
        }
        let ousterRate = Self.ousterRate * multiple
        let velodyneRate = Self.velodyneRate * multiple
        return [
            Stream(
                id: "os0",
                sender: LiDARStreamSender(
                    port: ports.0, packetsPerSecond: ousterRate, count: Int(ousterRate * seconds)),
                initial: ouster, prepare: prepareOuster),
            Stream(
                id: "vls0",
                sender: LiDARStreamSender(
                    port: ports.1, packetsPerSecond: velodyneRate, count: Int(velodyneRate * seconds)),
                initial: model.packet(index: 0, startMicrosecondsPastHour: start), prepare: prepareVelodyne),
        ]
    }

    /// OS1-128 at 2048×10 with the single-return RNG19 profile: 24 832-byte lidar packets.
    static let metadata = """
        {"config_params": {"lidar_mode": "2048x10", "udp_port_lidar": 7502, "udp_port_imu": 7503},
         "lidar_data_format": {"udp_profile_lidar": "RNG19_RFL8_SIG16_NIR16", "udp_profile_imu": "LEGACY",
           "pixels_per_column": 128, "columns_per_packet": 16, "columns_per_frame": 2048,
           "column_window": [0, 2047]},
         "sensor_info": {"prod_line": "OS-1-128", "prod_sn": "992100000000", "initialization_id": 1193046}}
        """

    /// Records in every segment's `lidar-<id>.pcap` of the session under `output`.
    static func recorded(sensor: String, output: String) -> Int {
        let fm = FileManager.default
        var total = 0
        for session in (try? fm.contentsOfDirectory(atPath: output)) ?? [] {
            let segments = "\(output)/\(session)/segments"
            for segment in (try? fm.contentsOfDirectory(atPath: segments)) ?? [] {
                total += PcapRecordCounter.count(path: "\(segments)/\(segment)/data/lidar/lidar-\(sensor).pcap") ?? 0
            }
        }
        return total
    }

    /// `RUSAGE_THREAD` (Linux, 1), which Glibc's module does not export.
    static let thread = __rusage_who(rawValue: 1)

    /// User + system CPU of the process or (RUSAGE_THREAD) the calling thread.
    static func cpuSeconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        _ = getrusage(__rusage_who_t(who.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func wait(_ what: String, _ condition: () -> Bool) async throws {
        for _ in 0..<1000 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw Failed(description: "timed out waiting for: \(what)")
    }
}
