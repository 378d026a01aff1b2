import Testing

@testable import TaktCore

/// The writer frames pcap records straight into a file buffer; those bytes must be exactly the standalone
/// record's, after whatever the buffer already holds, and a datagram that cannot be framed must leave it alone.
@Suite struct PcapInPlaceEncodingTests {
    let d = PcapUDPDatagram(
        source: .init(address: PcapIPv4Address(192, 168, 1, 201), port: 7502),
        destination: .init(address: PcapIPv4Address(192, 168, 1, 10), port: 2368),
        payload: (0..<1206).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) },
        receiveUnixNanoseconds: 1_700_000_000_987_654_321)

    @Test func appendsTheStandaloneRecordAfterExistingBytes() throws {
        var out: [UInt8] = [9, 8, 7]
        try PcapRecord.encode(d, appendingTo: &out)
        try PcapRecord.encode(d, appendingTo: &out)
        let record = try PcapRecord.encode(d)
        #expect(try PcapRecord.recordLength(of: d) == record.count)
        #expect(out == [9, 8, 7] + record + record)
        // The framed bytes read back as the datagram (header, IPv4 checksum and all).
        let parsed = try #require(PcapFile(PcapFileHeader.takt.encoded() + out[3...]))
        #expect(parsed.udpDatagrams == [d, d])
    }

    @Test func unframeableDatagramLeavesTheBufferUntouched() {
        var out: [UInt8] = [1, 2, 3]
        var big = d
        big.payload = [UInt8](repeating: 0, count: PcapRecord.maxUDPPayload + 1)
        #expect(throws: PcapRecord.EncodeError.payloadTooLarge(bytes: PcapRecord.maxUDPPayload + 1)) {
            try PcapRecord.encode(big, appendingTo: &out)
        }
        var early = d
        early.receiveUnixNanoseconds = -1
        #expect(throws: PcapRecord.EncodeError.timestampOutOfRange(unixNanoseconds: -1)) {
            try PcapRecord.recordLength(of: early)
        }
        #expect(out == [1, 2, 3])
    }
}
