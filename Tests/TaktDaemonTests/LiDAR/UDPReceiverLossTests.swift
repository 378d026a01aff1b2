import Foundation
import TaktCore
import TaktDaemon
import TaktSimulation
import Testing

/// Loss on the host side is never silent: datagrams the kernel or the queue dropped are counted, and
/// received + dropped equals sent exactly.
@Suite("UDP receiver loss accounting", .serialized)
struct UDPReceiverLossTests {
    static func packets(_ count: Int, size: Int, port: UInt16) -> [LiDARPacketReplayer.Packet] {
        (0..<count).map { index in
            var payload = [UInt8](repeating: 0x5A, count: size)
            payload[0] = UInt8(truncatingIfNeeded: index)
            payload[1] = UInt8(truncatingIfNeeded: index >> 8)
            return .init(offset: .zero, originalPort: port, payload: payload)
        }
    }

    /// Waits (bounded) until the receiver has taken `count` datagrams off its sockets.
    static func waitForDatagrams(_ receiver: UDPReceiver, atLeast count: Int) {
        let deadline = Date().addingTimeInterval(20)
        while receiver.statistics.datagrams < count, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
    }

    @Test("a full queue drops and counts; what was queued comes out in order")
    func queueOverflow() throws {
        let receiver = try UDPReceiver(configuration: .init(bindAddress: "127.0.0.1", ports: [0], queueCapacity: 16))
        receiver.start()
        defer { receiver.stop() }
        let port = receiver.boundPorts[0]
        let ledger = try LiDARPacketReplayer(packets: Self.packets(100, size: 1206, port: port), pacing: .unpaced)
            .replay()
        Self.waitForDatagrams(receiver, atLeast: ledger.sent)
        var popped: [[UInt8]] = []
        while let datagram = receiver.next() { popped.append(datagram.payload) }
        let statistics = receiver.statistics
        #expect(statistics.datagrams == 100)
        #expect(popped.count == 16)
        #expect(statistics.queueOverflows == 84)
        #expect(popped == ledger.sentDatagrams.prefix(16).map(\.payload))
    }

    @Test("kernel socket-queue drops are reported through SO_RXQ_OVFL: received + dropped == sent")
    func kernelDrops() throws {
        // A small buffer and no reader yet: most of the burst cannot be queued by the kernel.
        let receiver = try UDPReceiver(
            configuration: .init(bindAddress: "127.0.0.1", ports: [0], receiveBufferBytes: 64 << 10))
        let port = receiver.boundPorts[0]
        let burst = try LiDARPacketReplayer(packets: Self.packets(400, size: 8448, port: port), pacing: .unpaced)
            .replay()
        receiver.start()
        defer { receiver.stop() }
        // The kernel reports its drop count on the next datagram it queues: send one after the burst drained.
        Thread.sleep(forTimeInterval: 0.2)
        let marker = try LiDARPacketReplayer(packets: Self.packets(1, size: 64, port: port), pacing: .unpaced).replay()
        let sent = burst.sent + marker.sent
        let deadline = Date().addingTimeInterval(20)
        var statistics = receiver.statistics
        while statistics.datagrams + statistics.kernelDrops < sent, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
            statistics = receiver.statistics
        }
        #expect(statistics.kernelDrops > 0)
        #expect(statistics.datagrams + statistics.kernelDrops == sent)
        #expect(statistics.queueOverflows == 0)
    }
}
