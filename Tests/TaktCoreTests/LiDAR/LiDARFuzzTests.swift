import Foundation
import TaktCore
import Testing

/// Garbage, truncated, oversized and randomly mutated packets: every one is decoded or rejected with a typed
/// error, and the tracker counts each rejection. A crash fails the whole run.
@Suite("LiDAR decoders under hostile input")
struct LiDARFuzzTests {
    static func ousterSample() throws -> (OusterMetadata, [[UInt8]]) {
        let directory = LiDARTestSupport.ousterDirectory
        let metadata = try OusterMetadata(
            json: try LiDARTestSupport.bytes(directory.appendingPathComponent("OS-1-128_767798045_1024x10_20230712_120049.json")))
        let datagrams = try PcapCaptureReader.udpDatagrams(
            in: try LiDARTestSupport.bytes(directory.appendingPathComponent("OS-1-128_767798045_1024x10_20230712_120049.pcap")))
        return (metadata, datagrams.map(\.payload))
    }

    @Test("garbage, truncated and oversized packets are typed errors and counted")
    func dripFeed() throws {
        let (metadata, payloads) = try Self.ousterSample()
        let lidar = try #require(payloads.first { $0.count == metadata.format.lidarPacketSize })
        let hostile: [[UInt8]] = [
            [], [0x01], Array(lidar.prefix(lidar.count - 1)), lidar + [0], Array(lidar.prefix(32)),
            [UInt8](repeating: 0xFF, count: metadata.format.lidarPacketSize),
        ]
        var tracker = LiDARLossTracker(sequencing: .ouster(metadata.format))
        var rejected = 0
        for (index, bytes) in hostile.enumerated() {
            do {
                let packet = try OusterLidarPacket(bytes: bytes, format: metadata.format)
                _ = tracker.handle(.ouster(packet, bytes: bytes.count, at: .init(nanoseconds: Int64(index))))
            } catch {
                rejected += 1
                _ = tracker.handle(.malformed(bytes: bytes.count, at: .init(nanoseconds: Int64(index))))
            }
        }
        // All six are malformed: sizes are wrong, and the all-0xFF packet has packet type 0xFF and mids ≥ 1024.
        #expect(rejected == hostile.count)
        #expect(tracker.counters.malformed == Int64(hostile.count))
        #expect(tracker.counters.packets == 0)
        #expect(throws: OusterPacketError.sizeMismatch(expected: metadata.format.lidarPacketSize, actual: 0)) {
            try OusterLidarPacket(bytes: [], format: metadata.format)
        }
        #expect(throws: OusterPacketError.sizeMismatch(expected: 48, actual: 49)) {
            try OusterIMUPacket(bytes: [UInt8](repeating: 0, count: 49))
        }
        var badType = lidar
        badType[0] = 7
        #expect(throws: OusterPacketError.unexpectedPacketType(7)) {
            try OusterLidarPacket(bytes: badType, format: metadata.format)
        }
    }

    @Test("seeded mutation: no crash, every input decoded or rejected with a typed error", arguments: [UInt64(1), 2, 3])
    func mutation(seed: UInt64) throws {
        let (metadata, payloads) = try Self.ousterSample()
        let velodyne = try PcapCaptureReader.udpDatagrams(
            in: try LiDARTestSupport.bytes(LiDARTestSupport.velodyneDirectory.appendingPathComponent("VLI-16-one-packet.pcap")))
        let seeds = payloads + velodyne.map(\.payload) + [[UInt8](repeating: 0, count: 512)]
        var rng = SeededGenerator(seed: seed)
        var decoded = 0
        var rejected = 0
        for _ in 0..<3000 {
            var bytes = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                for _ in 0..<Int.random(in: 1...16, using: &rng) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            case 1: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
            case 2: bytes += (0..<Int.random(in: 1...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            default: bytes = (0..<Int.random(in: 0...2048, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            }
            let outcomes: [Bool] = [
                (try? OusterLidarPacket(bytes: bytes, format: metadata.format)) != nil,
                (try? OusterIMUPacket(bytes: bytes)) != nil,
                (try? VelodyneDataPacket(bytes: bytes)) != nil,
                (try? VelodynePositionPacket(bytes: bytes)) != nil,
                (try? OusterMetadata(json: bytes)) != nil,
                (try? PcapCaptureReader.udpDatagrams(in: bytes)) != nil,
            ]
            decoded += outcomes.filter { $0 }.count
            rejected += outcomes.filter { !$0 }.count
        }
        #expect(rejected > 0)
        #expect(decoded > 0)
    }

    @Test("truncated and corrupt pcap files are typed errors")
    func pcapErrors() throws {
        let bytes = try LiDARTestSupport.bytes(LiDARTestSupport.velodyneDirectory.appendingPathComponent("VLI-16-one-packet.pcap"))
        #expect(throws: PcapCaptureError.truncatedHeader) { try PcapCaptureReader(bytes: Array(bytes.prefix(10))) }
        #expect(throws: PcapCaptureError.truncatedRecord(offset: 24)) {
            try PcapCaptureReader.udpDatagrams(in: Array(bytes.prefix(bytes.count - 1)))
        }
        var wrongMagic = bytes
        wrongMagic[0] = 0x0A
        #expect(throws: PcapCaptureError.self) { try PcapCaptureReader(bytes: wrongMagic) }
    }
}
