import Foundation
import Synchronization
import TaktCore
import TaktDaemon
import TaktSimulation
import TaktStore

/// One step of the LiDAR receive bench: N packets at a target rate over loopback into `UDPReceiver`, whose consumer
/// writes every datagram to a pcap on disk (`PcapRecord` + `DurableFile`, as a segment does), while tcpdump
/// captures the same stream to its own file.
struct LiDARReceiveBench {
    struct StepResult: Sendable {
        var payloadBytes: Int
        var targetRate: Double
        var sent: Int
        var achievedRate: Double
        var taktReceived: Int
        var taktWritten: Int
        var taktQueueOverflows: Int
        var taktKernelDrops: Int
        var tcpdumpRecords: Int?
        var tcpdumpKernelDrops: Int?

        var taktLossFree: Bool {
            taktReceived == sent && taktWritten == sent && taktQueueOverflows == 0 && taktKernelDrops == 0
        }
        var tcpdumpLossFree: Bool? { tcpdumpRecords.map { $0 == sent && (tcpdumpKernelDrops ?? 0) == 0 } }
    }

    var directory: String
    var tcpdump: String?
    var receiveBufferBytes: Int
    /// Bytes of payload the receiver → writer queue may hold; sets its capacity per packet size.
    var queueBudgetBytes: Int
    var stepSeconds: Double
    var maxStepBytes: Int

    func run(payloadBytes: Int, rate: Double) throws -> StepResult {
        let receiver = try UDPReceiver(
            configuration: .init(
                bindAddress: "127.0.0.1", ports: [0], receiveBufferBytes: receiveBufferBytes,
                queueCapacity: max(1024, queueBudgetBytes / max(payloadBytes, 1))))
        let port = receiver.boundPorts[0]
        let stamp = "\(payloadBytes)B-\(Int(rate))pps"
        let taktPath = "\(directory)/takt-\(stamp).pcap"
        let tcpdumpPath = "\(directory)/tcpdump-\(stamp).pcap"
        for path in [taktPath, tcpdumpPath] { try? FileManager.default.removeItem(atPath: path) }
        defer { for path in [taktPath, tcpdumpPath] { try? FileManager.default.removeItem(atPath: path) } }

        let peer = try tcpdump.map {
            try TcpdumpPeer(executable: $0, ports: [port], path: tcpdumpPath, bufferKiB: receiveBufferBytes / 1024)
        }
        let file = try DurableFile.create(path: taktPath, bufferCapacity: 4 << 20)
        try file.append(PcapFileHeader.takt.encoded())
        let consumer = PcapConsumer(receiver: receiver, file: file)
        receiver.start()
        consumer.start()

        let count = max(100, min(Int(rate * stepSeconds), maxStepBytes / max(payloadBytes, 1)))
        var template = [UInt8](repeating: 0xA5, count: payloadBytes)
        var packets: [LiDARPacketReplayer.Packet] = []
        packets.reserveCapacity(count)
        for index in 0..<count {
            for byte in 0..<min(4, payloadBytes) { template[byte] = UInt8(truncatingIfNeeded: index >> (8 * byte)) }
            packets.append(.init(offset: .zero, originalPort: port, payload: template))
        }
        var replayer = LiDARPacketReplayer(packets: packets, pacing: .packetsPerSecond(rate))
        replayer.recordsSentPayloads = false
        let started = Date()
        let ledger = try replayer.replay()
        let elapsed = Date().timeIntervalSince(started)

        // Let the last datagrams drain: stop once nothing new arrived for 300 ms.
        var last = -1
        while receiver.statistics.datagrams != last || receiver.queuedCount > 0 {
            last = receiver.statistics.datagrams
            Thread.sleep(forTimeInterval: 0.3)
        }
        receiver.stop()
        let written = consumer.finish()
        try file.sync()
        _ = try file.close()
        // tcpdump reads the kernel ring in blocks released at least every second (TPACKET_V3 block timeout):
        // give it that long before SIGINT so packets still in an open block are not miscounted as lost.
        if peer != nil { Thread.sleep(forTimeInterval: 1.2) }
        let tcpdumpStats = peer?.stop()
        let statistics = receiver.statistics
        return StepResult(
            payloadBytes: payloadBytes, targetRate: rate, sent: ledger.sent,
            achievedRate: elapsed > 0 ? Double(ledger.sent) / elapsed : 0, taktReceived: statistics.datagrams,
            taktWritten: written, taktQueueOverflows: statistics.queueOverflows,
            taktKernelDrops: statistics.kernelDrops,
            tcpdumpRecords: peer.flatMap { _ in PcapRecordCounter.count(path: tcpdumpPath) },
            tcpdumpKernelDrops: tcpdumpStats?.droppedByKernel)
    }
}

/// Drains the receiver on its own thread and appends each datagram as a pcap record.
///
/// `@unchecked Sendable`: `file` and `written` are used only by the consumer thread until `finish()` has joined it
/// (through `done`); the stop flag is atomic.
final class PcapConsumer: @unchecked Sendable {
    private let receiver: UDPReceiver
    private let file: DurableFile
    private let stopping = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private var written = 0

    init(receiver: UDPReceiver, file: DurableFile) {
        self.receiver = receiver
        self.file = file
    }

    func start() {
        Thread { [self] in
            while true {
                if let datagram = receiver.next(waitingUpTo: .milliseconds(20)) {
                    let record = PcapUDPDatagram(
                        source: endpoint(datagram.source), destination: endpoint(datagram.destination),
                        payload: datagram.payload, receiveUnixNanoseconds: datagram.kernelRealtimeNanoseconds ?? 0)
                    if let bytes = try? PcapRecord.encode(record), (try? file.append(bytes)) != nil { written += 1 }
                } else if stopping.load(ordering: .acquiring) {
                    break
                }
            }
            done.signal()
        }.start()
    }

    /// Stops after the queue is empty; returns the records written.
    func finish() -> Int {
        stopping.store(true, ordering: .releasing)
        done.wait()
        return written
    }

    private func endpoint(_ endpoint: IPv4Endpoint) -> PcapUDPEndpoint {
        let a = endpoint.address
        return PcapUDPEndpoint(
            address: PcapIPv4Address(UInt8(a >> 24), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF)),
            port: endpoint.port)
    }
}
