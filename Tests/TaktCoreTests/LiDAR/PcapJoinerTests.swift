import TaktCore
import Testing

@Suite("Pcap joiner")
struct PcapJoinerTests {
    static func file(_ payloads: [[UInt8]], header: PcapFileHeader = .takt) -> [UInt8] {
        var bytes = header.encoded()
        for (i, p) in payloads.enumerated() {
            let d = PcapUDPDatagram(
                source: PcapUDPEndpoint(address: PcapIPv4Address(10, 0, 0, 2), port: 7502),
                destination: PcapUDPEndpoint(address: PcapIPv4Address(10, 0, 0, 1), port: 7502), payload: p,
                receiveUnixNanoseconds: 1_700_000_000_000_000_000 + Int64(i))
            bytes += (try? PcapRecord.encode(d)) ?? []
        }
        return bytes
    }

    @Test func joinsRecordsInOrderUnderOneHeader() throws {
        let a = Self.file([[1, 2, 3], [4]])
        let b = Self.file([[5, 6]])
        var joiner = PcapJoiner()
        let joined = Array(try joiner.append(a)) + Array(try joiner.append(b))
        #expect(joiner.records == 3)
        let parsed = try #require(PcapFile(joined))
        #expect(parsed.udpDatagrams.map(\.payload) == [[1, 2, 3], [4], [5, 6]])
        #expect(parsed.trailingBytes == 0)
    }

    @Test func leavesOutATornTrailingRecord() throws {
        var joiner = PcapJoiner()
        let torn = Self.file([[9, 9, 9, 9]]).dropLast(2)
        let joined = Array(try joiner.append(Self.file([[1]]))) + Array(try joiner.append(Array(torn)))
        #expect(joiner.records == 1)
        #expect(joiner.skippedTrailingBytes > 0)
        #expect(PcapFile(joined)?.records.count == 1)
    }

    @Test func refusesMismatchedHeadersAndNonPcap() {
        var joiner = PcapJoiner()
        _ = try? joiner.append(Self.file([[1]]))
        var micro = PcapFileHeader.takt
        micro.nanosecondResolution = false
        #expect(throws: PcapJoinError.headerMismatch("b")) {
            try joiner.append(Self.file([[2]], header: micro), name: "b")
        }
        #expect(throws: PcapJoinError.notPcap("c")) { try joiner.append([0, 1, 2], name: "c") }
    }
}
