import Foundation
import TaktCore
import Testing

/// The capture reader across the link types and file variants a replay may be fed, built from the real Velodyne
/// capture so the expected datagram is known.
@Suite("Pcap capture reader")
struct PcapCaptureReaderTests {
    static func capture() throws -> [UInt8] {
        try LiDARTestSupport.bytes(LiDARTestSupport.velodyneDirectory.appendingPathComponent("VLI-16-one-packet.pcap"))
    }

    /// Rebuilds a one-record file with another link-layer header in front of the same IPv4 packet.
    static func rewrap(_ file: [UInt8], linkType: UInt32, linkHeader: [UInt8]) -> [UInt8] {
        let ipPacket = Array(file[(24 + 16 + 14)...])
        var header = Array(file[0..<24])
        for byte in 0..<4 { header[20 + byte] = UInt8(truncatingIfNeeded: linkType >> (8 * byte)) }
        var record = Array(file[24..<40])
        let length = UInt32(linkHeader.count + ipPacket.count)
        for field in [8, 12] {
            for byte in 0..<4 { record[field + byte] = UInt8(truncatingIfNeeded: length >> (8 * byte)) }
        }
        return header + record + linkHeader + ipPacket
    }

    @Test("Ethernet, Linux SLL, SLL2, raw IPv4 and BSD loopback framings give the same datagram")
    func linkTypes() throws {
        let file = try Self.capture()
        let reference = try #require(try PcapCaptureReader.udpDatagrams(in: file).first)
        #expect(reference.payload.count == 1212 && reference.destinationPort == 2368 && reference.sourcePort == 2369)
        #expect(reference.sourceAddress == 0xC0A8_01C8)  // 192.168.1.200
        let sll = [UInt8](repeating: 0, count: 14) + [0x08, 0x00]
        let sll2 = [0x08, 0x00] + [UInt8](repeating: 0, count: 18)
        let variants: [[UInt8]] = [
            Self.rewrap(file, linkType: 113, linkHeader: sll),
            Self.rewrap(file, linkType: 276, linkHeader: sll2),
            Self.rewrap(file, linkType: 101, linkHeader: []),
            Self.rewrap(file, linkType: 0, linkHeader: [2, 0, 0, 0]),
            Self.rewrap(file, linkType: 1, linkHeader: Array(file[40..<52]) + [0x81, 0x00, 0x00, 0x05, 0x08, 0x00]),
        ]
        for variant in variants {
            #expect(try PcapCaptureReader.udpDatagrams(in: variant) == [reference])
        }
    }

    @Test("nanosecond and big-endian files read the same time and payload")
    func fileVariants() throws {
        let file = try Self.capture()
        let reference = try #require(try PcapCaptureReader.udpDatagrams(in: file).first)
        #expect(reference.timestampNanoseconds == 1_666_315_463_845_132_000)  // tshark: 01:24:23.845132 UTC
        var nanosecond = file
        nanosecond.replaceSubrange(0..<4, with: [0x4D, 0x3C, 0xB2, 0xA1])
        let micros =
            UInt32(nanosecond[28]) | UInt32(nanosecond[29]) << 8 | UInt32(nanosecond[30]) << 16
            | UInt32(nanosecond[31]) << 24
        let nanos = micros * 1000 + 7
        for byte in 0..<4 { nanosecond[28 + byte] = UInt8(truncatingIfNeeded: nanos >> (8 * byte)) }
        let fine = try #require(try PcapCaptureReader.udpDatagrams(in: nanosecond).first)
        #expect(fine.timestampNanoseconds == reference.timestampNanoseconds + 7)

        var bigEndian = file
        for field in [0, 24, 28, 32, 36] { bigEndian[field..<(field + 4)].reverse() }
        bigEndian[4..<6].reverse()
        bigEndian[6..<8].reverse()
        for field in [8, 12, 16, 20] { bigEndian[field..<(field + 4)].reverse() }
        #expect(try PcapCaptureReader.udpDatagrams(in: bigEndian) == [reference])
    }

    @Test("fragments reassemble in any order; an expired partial datagram is dropped and counted")
    func fragments() throws {
        let file = try LiDARTestSupport.bytes(
            LiDARTestSupport.ousterDirectory.appendingPathComponent("duplicate_id.pcap"))
        var reader = try PcapCaptureReader(bytes: file)
        var records: [PcapCaptureRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records.count == 7)
        var extractor = UDPDatagramExtractor(linkType: reader.linkType)
        let inOrder = records.compactMap { extractor.push($0) }
        #expect(inOrder.count == 1 && inOrder.first?.payload.count == 8448)
        // Frame 1 is a stale first fragment 88 s older than the rest: it must expire, not poison the datagram.
        #expect(extractor.expiredDatagrams == 1)

        var shuffled = UDPDatagramExtractor(linkType: reader.linkType)
        let reordered = [records[6], records[3], records[1], records[5], records[2], records[4]]
        let results = reordered.compactMap { shuffled.push($0) }
        #expect(results.map(\.payload) == inOrder.map(\.payload))
        #expect(shuffled.pendingDatagrams == 0)
    }
}
