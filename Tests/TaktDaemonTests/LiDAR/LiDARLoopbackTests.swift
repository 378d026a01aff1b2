import Foundation
import TaktCore
import TaktDaemon
import TaktSimulation
import Testing

/// Real captures replayed over real loopback UDP into `UDPReceiver`, with injected faults: the tracker's counters
/// must equal the replayer's ledger exactly, and every datagram must arrive byte-identical and in send order.
@Suite("LiDAR over loopback UDP", .serialized)
struct LiDARLoopbackTests {
    static var sharedRoot: URL {
        if let env = ProcessInfo.processInfo.environment["TAKT_SHARED"] { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared")
    }

    static func shared(_ path: String) throws -> [UInt8] {
        let url = sharedRoot.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("shared LiDAR data missing: \(url.path) (set TAKT_SHARED)")
            throw CancellationError()
        }
        return [UInt8](data)
    }

    struct Outcome {
        var snapshot: LiDARIngest.Snapshot
        var frames: [LiDARFrameRecord]
        var received: [(port: UInt16, payload: [UInt8])]
        var statistics: UDPReceiver.Statistics
        var stampsPresent: Bool
    }

    /// Collects what the ingest hands to its sinks. `@unchecked Sendable`: every field is behind `lock`.
    final class Collector: @unchecked Sendable {
        let lock = NSLock()
        var received: [(port: UInt16, payload: [UInt8])] = []
        var frames: [LiDARFrameRecord] = []
        var stampsPresent = true
        var count: Int { lock.withLock { received.count } }
    }

    /// Replays on one thread while `LiDARIngest` (the daemon's consumer) drains the receiver on its own.
    static func run(
        replayer: LiDARPacketReplayer, faults: LiDARFaultPlan, receiver: UDPReceiver,
        classifier: LiDARPacketClassifier
    ) throws -> (LiDARReplayLedger, Outcome) {
        let collector = Collector()
        let ingest = LiDARIngest(
            receiver: receiver, classifier: classifier, silenceThreshold: .milliseconds(500),
            frameSink: { frames in collector.lock.withLock { collector.frames += frames } },
            sink: { datagram, _, _ in
                collector.lock.withLock {
                    collector.received.append((datagram.destination.port, datagram.payload))
                    collector.stampsPresent = collector.stampsPresent && datagram.kernelRealtimeNanoseconds != nil
                }
            })
        ingest.start()
        let ledger = try replayer.replay(faults: faults)
        // Not a timing assertion: a guard so a lost datagram fails the count checks instead of hanging the run.
        let deadline = Date().addingTimeInterval(30)
        while collector.count < ledger.sent, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        ingest.stop()
        return collector.lock.withLock {
            (
                ledger,
                Outcome(
                    snapshot: ingest.snapshot, frames: collector.frames, received: collector.received,
                    statistics: receiver.statistics, stampsPresent: collector.stampsPresent)
            )
        }
    }

    /// Byte-identical and in send order on each port. Order across ports is not defined: each port is its own
    /// socket, drained in turn. Compared as one Bool so a failure does not dump megabytes of payload.
    static func identicalPerPort(
        _ received: [(port: UInt16, payload: [UInt8])], _ sent: [(port: UInt16, payload: [UInt8])]
    ) -> Bool {
        let ports = Set(sent.map(\.port)).union(received.map(\.port))
        return ports.allSatisfy { port in
            received.filter { $0.port == port }.map(\.payload) == sent.filter { $0.port == port }.map(\.payload)
        }
    }

    @Test("Ouster capture with drops, duplicates, swaps, garbage and a silence: counters equal the ledger")
    func ousterExact() throws {
        let metadata = try OusterMetadata(json: try Self.shared("data/lidar/ouster/OS-1-128_v2.3.0_1024x10.json"))
        let receiver = try UDPReceiver(configuration: .init(bindAddress: "127.0.0.1", ports: [0, 0]))
        let (lidarPort, imuPort) = (receiver.boundPorts[0], receiver.boundPorts[1])
        var replayer = try LiDARPacketReplayer(
            capture: try Self.shared("data/lidar/ouster/OS-1-128_v2.3.0_1024x10_lb_n3.pcap"),
            pacing: .captureTiming(speed: 1), portMap: [7502: lidarPort, 7503: imuPort])
        replayer.pacing = .packetsPerSecond(2000)
        let lidarIndices = replayer.packets.indices.filter { replayer.packets[$0].originalPort == 7502 }
        #expect(lidarIndices.count == 192)
        // Disjoint sites on lidar packets, away from both ends.
        let sites = stride(from: 8, to: lidarIndices.count - 8, by: 6).map { lidarIndices[$0] }
        let faults = LiDARFaultPlan(
            drops: Set(sites[0..<7]), duplicates: Set(sites[7..<12]),
            reorders: Set(sites[12..<16].filter { replayer.packets[$0 + 1].originalPort == 7502 }),
            garbageAfter: Set(sites[16..<22]), silences: [sites[24]: .milliseconds(1500)], seed: 99)
        let classifier = LiDARPacketClassifier(
            sensor: .ouster(format: metadata.format, lidarPort: lidarPort, imuPort: imuPort))
        let (ledger, outcome) = try Self.run(
            replayer: replayer, faults: faults, receiver: receiver, classifier: classifier)

        #expect(ledger.dropped == 7 && ledger.duplicated == 5 && ledger.garbage == 6 && ledger.reordered >= 2)
        #expect(outcome.statistics.queueOverflows == 0 && outcome.statistics.kernelDrops == 0)
        #expect(outcome.received.count == ledger.sent)
        #expect(Self.identicalPerPort(outcome.received, ledger.sentDatagrams))
        #expect(outcome.stampsPresent)
        let counters = outcome.snapshot.counters
        #expect(counters.lost == Int64(ledger.dropped))
        #expect(counters.duplicates == Int64(ledger.duplicated))
        #expect(counters.outOfOrder == Int64(ledger.reordered))
        #expect(counters.malformed == Int64(ledger.garbage))
        #expect(counters.auxiliaryPackets == 30)
        #expect(counters.silences == Int64(ledger.silences.count))
        #expect(outcome.snapshot.silences.count == 1)
        #expect(outcome.snapshot.silences.first.map { $0.duration >= .milliseconds(1400) } == true)
        #expect(outcome.snapshot.silences.first?.packetsSkipped == 0)  // the replayer paused; it skipped nothing
        #expect(outcome.snapshot.state == .receiving)
        let missingColumns = outcome.frames.reduce(0) { $0 + $1.expectedColumns - $1.receivedColumns }
        #expect(missingColumns == ledger.dropped * metadata.format.columnsPerPacket)
    }

    @Test("Velodyne stream (data + position) with faults: counters equal the ledger")
    func velodyneExact() throws {
        let capture = try PcapCaptureReader.udpDatagrams(
            in: try Self.shared("data/lidar/velodyne/VLI-16-one-packet.pcap"))
        let template = try #require(capture.first).payload
        let receiver = try UDPReceiver(configuration: .init(bindAddress: "127.0.0.1", ports: [0, 0]))
        let (dataPort, positionPort) = (receiver.boundPorts[0], receiver.boundPorts[1])
        // A VLP-16 stream in the canonical layout built from the captured firing data: 1327.104 µs per packet,
        // crossing the top of the hour, with a position packet every 14th data packet.
        var packets: [LiDARPacketReplayer.Packet] = []
        for index in 0..<1500 {
            let micros = (3_599_500_000 + Int64(index) * 1_327_104 / 1000) % 3_600_000_000
            var bytes = Array(template[0..<1200]) + [0, 0, 0, 0, 0x37, 0x22]
            for byte in 0..<4 { bytes[1200 + byte] = UInt8(truncatingIfNeeded: micros >> (8 * byte)) }
            packets.append(.init(offset: .microseconds(index * 1327), originalPort: 2368, payload: bytes))
            if index % 14 == 0 {
                var position = [UInt8](repeating: 0, count: 512)
                for byte in 0..<4 { position[198 + byte] = UInt8(truncatingIfNeeded: micros >> (8 * byte)) }
                position[202] = 2
                packets.append(.init(offset: .microseconds(index * 1327), originalPort: 8308, payload: position))
            }
        }
        let dataIndices = packets.indices.filter { packets[$0].originalPort == 2368 }
        let sites = stride(from: 20, to: dataIndices.count - 20, by: 37).map { dataIndices[$0] }
        let faults = LiDARFaultPlan(
            drops: Set(sites[0..<10]), duplicates: Set(sites[10..<16]),
            reorders: Set(sites[16..<22].filter { packets[$0 + 1].originalPort == 2368 }),
            garbageAfter: Set(sites[22..<30]), seed: 5)
        let replayer = LiDARPacketReplayer(
            packets: packets, pacing: .packetsPerSecond(3000), portMap: [2368: dataPort, 8308: positionPort])
        let classifier = LiDARPacketClassifier(sensor: .velodyne(dataPort: dataPort, positionPort: positionPort))
        let (ledger, outcome) = try Self.run(
            replayer: replayer, faults: faults, receiver: receiver, classifier: classifier)

        #expect(ledger.dropped == 10 && ledger.duplicated == 6 && ledger.garbage == 8 && ledger.reordered >= 3)
        #expect(outcome.statistics.queueOverflows == 0 && outcome.statistics.kernelDrops == 0)
        #expect(outcome.received.count == ledger.sent)
        #expect(Self.identicalPerPort(outcome.received, ledger.sentDatagrams))
        let counters = outcome.snapshot.counters
        #expect(counters.lost == Int64(ledger.dropped))
        #expect(counters.duplicates == Int64(ledger.duplicated))
        #expect(counters.outOfOrder == Int64(ledger.reordered))
        #expect(counters.malformed == Int64(ledger.garbage))
        #expect(counters.auxiliaryPackets == Int64(packets.count - dataIndices.count))
    }
}
