import Foundation
import TaktCore
import Testing

/// Framing of mixed NMEA + UBX streams: resynchronisation, counters, byte-exactness, bounded memory, drip-feed.
@Suite struct GNSSStreamDecoderTests {
    static let gga = Array("$GNGGA,171926.00,4404.14063,N,12118.85478,W,1,12,0.91,1147.2,M,-21.3,M,,*44\r\n".utf8)
    static let rmc = Array("$GNRMC,171926.00,A,4404.14063,N,12118.85478,W,0.117,,180315,,,A*76\r\n".utf8)
    static let timeGPS = UBXFrame.encode(
        messageClass: 0x01, id: 0x20, payload: [0x10, 0x27, 0, 0, 0, 0, 0, 0, 0x4C, 0x08, 18, 0x07, 5, 0, 0, 0]
    )

    static func kinds(_ frames: [GNSSFrame]) -> [String] {
        frames.map {
            switch $0 {
            case .nmea(let s, _): "nmea:\(s.type)"
            case .ubx(let m, _):
                if case .navTimeGPS = m { "ubx:TIMEGPS" } else if case .malformed = m { "ubx:malformed" } else { "ubx" }
            case .garbage(let g): "garbage:\(g.count)"
            case .comment: "comment"
            }
        }
    }

    @Test func mixedStreamWithGarbageResynchronises() {
        var bytes: [UInt8] = [0x00, 0xFF, 0x13]
        bytes += Self.gga
        bytes += [0xB5, 0x62, 0x01]  // a sync pair that is not a frame (absurd length follows)
        bytes += [0xFF, 0xFF, 0x00]
        bytes += Self.timeGPS
        bytes += Array("$GNRMC,171926.00,A,4404.1".utf8)  // truncated sentence, interrupted by UBX
        bytes += Self.timeGPS
        bytes += Self.rmc
        let out = DripFeed.verify(bytes)
        #expect(
            Self.kinds(out.frames) == [
                "garbage:3", "nmea:GGA", "garbage:6", "ubx:TIMEGPS", "garbage:25", "ubx:TIMEGPS", "nmea:RMC",
            ])
        #expect(out.counters.nmeaSentences == 2 && out.counters.ubxMessages == 2)
        #expect(out.counters.nmeaBadChecksum == 1 && out.counters.garbageBytes == 34)
        #expect(out.counters.totalBytes == bytes.count)
    }

    @Test func corruptedUBXChecksumIsCountedAndSkipped() {
        var bad = Self.timeGPS
        bad[bad.count - 1] ^= 0x01
        let out = DripFeed.verify(bad + Self.timeGPS)
        #expect(out.counters.ubxBadChecksum == 1 && out.counters.ubxMessages == 1)
        #expect(Self.kinds(out.frames) == ["garbage:\(bad.count)", "ubx:TIMEGPS"])
    }

    @Test func malformedPayloadIsACountedErrorNotACrash() {
        // RXM-RAWX claiming 3 measurements in a 16-byte payload; ESF-RAW with a partial block; short NAV-PVT.
        var rawx = [UInt8](repeating: 0, count: 16)
        rawx[11] = 3
        let frames =
            UBXFrame.encode(messageClass: 0x02, id: 0x15, payload: rawx)
            + UBXFrame.encode(messageClass: 0x10, id: 0x03, payload: [UInt8](repeating: 0, count: 4 + 8 + 3))
            + UBXFrame.encode(messageClass: 0x01, id: 0x07, payload: [UInt8](repeating: 0, count: 40))
        let out = DripFeed.verify(frames)
        #expect(out.counters.ubxMalformed == 3 && out.counters.ubxMessages == 3)
        #expect(Self.kinds(out.frames) == ["ubx:malformed", "ubx:malformed", "ubx:malformed"])
        guard case .ubx(.malformed(_, let e), _) = out.frames[0] else { return }
        #expect(e == .badBlockCount(messageClass: 0x02, id: 0x15, count: 3, payloadLength: 16))
    }

    @Test func oversizeLineIsCutAndDecodingResumes() {
        let long = Array(("$GPTXT," + String(repeating: "A", count: 500)).utf8)
        let out = DripFeed.verify(long + Self.gga)
        #expect(out.counters.oversize >= 1 && out.counters.nmeaSentences == 1)
        #expect(Self.kinds(out.frames).last == "nmea:GGA")
    }

    @Test func memoryStaysBoundedOnEndlessGarbage() {
        var decoder = GNSSStreamDecoder()
        var rng = SplitMix64(seed: 7)
        var peak = 0
        var emitted = 0
        for _ in 0..<200_000 {
            // Random bytes avoiding frame starts, so nothing ever completes except garbage runs.
            var b = UInt8.random(in: 0...255, using: &rng)
            if b == 0x24 || b == 0x21 || b == 0xB5 { b = 0x20 }
            decoder.append(CollectionOfOne(b))
            peak = max(peak, decoder.bufferedByteCount)
            while let f = decoder.next() { emitted += f.raw.count }
        }
        #expect(peak <= GNSSStreamDecoder.maxGarbageRun)
        #expect(emitted + decoder.bufferedByteCount == 200_000)
    }

    @Test func gpsfakeCommentsOnlyAtLineStarts() {
        // '#' inside a UBX payload and after binary garbage must not swallow the next sentence.
        let ubxWithHash = UBXFrame.encode(messageClass: 0x0A, id: 0x04, payload: Array("#\n#".utf8))
        let bytes = Array("# header line\n".utf8) + ubxWithHash + [0x01, 0x23] + Self.gga + Array("#tail\n".utf8)
        let out = DripFeed.verify(bytes, comments: true)
        #expect(Self.kinds(out.frames) == ["comment", "ubx", "garbage:2", "nmea:GGA", "comment"])
        let off = DripFeed.verify(bytes, comments: false)
        #expect(off.counters.commentLines == 0 && off.counters.nmeaSentences == 1)
    }

    @Test(arguments: [
        "ublox-neo-m8u.log", "quectel-l76k-dual.log", "neo-m8n.log", "ublox-zed-f9p-sfrbx.log",
        "u-blox-m8t-time.log", "sirf2.log",
    ])
    func realLogsDripFeed(_ name: String) throws {
        let bytes = try #require(
            SharedData.bytes(SharedData.gpsdLogs.appendingPathComponent(name)),
            "missing \(name) under \(SharedData.gpsdLogs.path) (set TAKT_SHARED)"
        )
        let out = DripFeed.verify(bytes, comments: true, seed: UInt64(bytes.count))
        #expect(!out.frames.isEmpty)
    }
}
