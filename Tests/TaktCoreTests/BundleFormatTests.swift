import Testing

@testable import TaktCore

@Suite struct BundleFormatTests {
    @Test func pcapFileHeaderBytes() {
        #expect(
            PcapFileHeader.takt.encoded() == [
                0x4D, 0x3C, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x04, 0x00, 1, 0, 0, 0,
            ])
        #expect(PcapFileHeader.parse(PcapFileHeader.takt.encoded()) == .takt)
        #expect(PcapFileHeader.parse([UInt8](repeating: 0, count: 24)) == nil)
    }

    /// RFC 1071's worked example: the header checksum of a known IPv4 header is 0xB861.
    @Test func ipv4ChecksumKnownVector() {
        let header: [UInt8] = [
            0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 0xC0, 0xA8, 0x00, 0x01, 0xC0,
            0xA8, 0x00, 0xC7,
        ]
        #expect(PcapRecord.ipv4HeaderChecksum(header, from: 0) == 0xB861)
    }

    @Test func recordRoundTripsThroughFrameCheck() throws {
        let d = PcapUDPDatagram(
            source: .init(address: PcapIPv4Address(192, 168, 1, 201), port: 7502),
            destination: .init(address: PcapIPv4Address(192, 168, 1, 10), port: 7502),
            payload: Array(0..<200).map { UInt8($0) }, receiveUnixNanoseconds: 1_700_000_000_123_456_789)
        let rec = try PcapRecord.encode(d)
        #expect(rec.count == 16 + 42 + 200)
        var file = PcapFileHeader.takt.encoded()
        file += rec
        let parsed = try #require(PcapFile(file))
        #expect(parsed.records.first?.timestampUnixNanoseconds == d.receiveUnixNanoseconds)
        #expect(parsed.udpDatagrams == [d])
        #expect(throws: PcapRecord.EncodeError.self) {
            try PcapRecord.encode(
                .init(
                    source: d.source, destination: d.destination, payload: [UInt8](repeating: 0, count: 65_508),
                    receiveUnixNanoseconds: 0))
        }
        var broken = Array(rec[16...])
        broken[24] ^= 0xFF  // IPv4 checksum byte
        #expect(PcapFrameCheck.check(broken[...]) == .failure(.badIPChecksum))
    }

    @Test func bagInfoRoundTripAndContinuationLines() throws {
        var info = BagInfo()
        info.append("Payload-Oxum", "1234.5")
        info.append("Takt-Loss", "data/a.pcap bytes=3 records=1 reason=x")
        info.append("Takt-Loss", "second\nline")
        let parsed = try #require(BagInfo.parse(info.text))
        #expect(parsed.values(for: "takt-loss") == ["data/a.pcap bytes=3 records=1 reason=x", "second line"])
        #expect(PayloadOxum(try #require(parsed.value(for: "Payload-Oxum"))) == PayloadOxum(bytes: 1234, files: 5))
        #expect(
            BagInfo.parse("Source-Organization: A\n  continued\r\n")?.value(for: "Source-Organization") == "A continued"
        )
        #expect(BagInfo.parse("no colon here\n") == nil)
        #expect(PayloadOxum("12") == nil && PayloadOxum("a.1") == nil)
        #expect(BagItDeclaration.isValid(BagItDeclaration.text))
        #expect(!BagItDeclaration.isValid("BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n"))
    }

    @Test func manifestRoundTripAndErrors() throws {
        let digest = String(repeating: "ab", count: 32)
        let m = BagManifest(entries: [
            .init(digest: digest, path: "data/b 1.jpg"), .init(digest: digest, path: "data/a%.pcap"),
        ])
        #expect(m.text == "\(digest)  data/a%25.pcap\n\(digest)  data/b 1.jpg\n")
        #expect(try BagManifest.parse(m.text).entries.map(\.path) == ["data/a%.pcap", "data/b 1.jpg"])
        #expect(
            try BagManifest.parse("\(digest.uppercased()) *data/x\n").entries == [.init(digest: digest, path: "data/x")]
        )
        #expect(throws: BagManifest.ParseError.malformedLine(number: 2, text: "zz  data/x")) {
            try BagManifest.parse("\(digest)  data/y\nzz  data/x\n")
        }
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000000Z", "1970-01-01T00-00-00Z"),
        (Int64(1_780_301_700_000_000_001), "2026-06-01T08:15:00.000000001Z", "2026-06-01T08-15-00Z"),
        (Int64(951_782_400_000_000_000), "2000-02-29T00:00:00.000000000Z", "2000-02-29T00-00-00Z"),
    ])
    func utcText(ns: Int64, iso: String, stamp: String) {
        #expect(UTCText.iso8601(unixNanoseconds: ns) == iso)
        #expect(UTCText.sessionStamp(unixNanoseconds: ns) == stamp)
    }

    @Test func nmeaAndUBXMixedStreamPrefix() {
        let frame = UBXFrame.encode(messageClass: 1, id: 7, payload: [1, 2, 3])
        let sum = Array("GPGGA,1".utf8).reduce(UInt8(0), ^)
        let line = Array("$GPGGA,1*\(String(sum, radix: 16, uppercase: true))\r\n".utf8)
        let stream = [0x00, 0x41] + frame + line + frame.prefix(7)
        let r = RawRecordScanner.scan(stream, kind: .ubx)
        #expect(r.ubxFrames == 1 && r.nmeaSentences == 1)
        #expect(r.validPrefixLength == Int64(2 + frame.count + line.count))
        #expect(r.interiorUnframedBytes == 2 && r.tailBytes == 7)
        // A bad NMEA checksum is noise, not a record.
        #expect(RawRecordScanner.scan(Array("$GPGGA,1*00\r\n".utf8), kind: .nmea).records == 0)
    }
}

@Suite struct SegmentRotationPolicyTests {
    let t0 = GPSTime(week: 2300, timeOfWeekNanoseconds: 300_000 * 1_000_000_000)

    @Test func boundariesAreWholeMultiplesOfTheLength() {
        let p = SegmentRotationPolicy(seconds: 60)
        let t = t0 + .milliseconds(12_345)
        #expect(p.segmentStart(containing: t).nanosecondsSinceEpoch % 60_000_000_000 == 0)
        #expect(p.nextBoundary(after: t) - p.segmentStart(containing: t) == .seconds(60))
        #expect(p.rotation(at: t, currentStart: p.segmentStart(containing: t), currentBytes: 0) == nil)
        let later = p.nextBoundary(after: t) + .milliseconds(1)
        #expect(
            p.rotation(at: later, currentStart: p.segmentStart(containing: t), currentBytes: 0)
                == p.nextBoundary(after: t))
    }

    @Test func sizeBoundCutsAtTheNextWholeSecond() {
        let p = SegmentRotationPolicy(seconds: 60, maxBytes: 1000)
        let start = p.segmentStart(containing: t0)
        let t = start + .milliseconds(2_500)
        #expect(p.rotation(at: t, currentStart: start, currentBytes: 999) == nil)
        #expect(p.rotation(at: t, currentStart: start, currentBytes: 1000) == start + .seconds(3))
    }
}
