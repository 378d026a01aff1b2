import TaktCore
import Testing

/// NMEA sentence decoding, each case also drip-fed through the stream decoder.
@Suite struct NMEAParserTests {
    static func sentence(_ s: String) -> [UInt8] { Array((s + "\r\n").utf8) }

    static func decode(_ s: String) -> NMEASentence? {
        let out = DripFeed.verify(sentence(s))
        guard out.frames.count == 1, case .nmea(let n, _) = out.frames[0] else { return nil }
        return n
    }

    @Test func ggaFromRealLog() throws {
        let s = try #require(Self.decode("$GNGGA,171926.00,4404.14063,N,12118.85478,W,1,12,0.91,1147.2,M,-21.3,M,,*44"))
        guard case .gga(let g) = s else { Issue.record("not GGA: \(s)"); return }
        #expect(g.talker == "GN")
        #expect(g.utcTimeOfDayNanoseconds == Int64(17 * 3600 + 19 * 60 + 26) * 1_000_000_000)
        #expect(abs(try #require(g.latitude) - (44 + 4.14063 / 60)) < 1e-12)
        #expect(abs(try #require(g.longitude) + (121 + 18.85478 / 60)) < 1e-12)
        #expect(g.quality == 1 && g.satellitesUsed == 12 && g.hdop == 0.91)
        #expect(g.altitudeMSLMeters == 1147.2 && g.geoidSeparationMeters == -21.3)
        #expect(g.dgpsAgeSeconds == nil && g.dgpsStation == nil)
    }

    @Test func rmcTwoDigitYearAndMagneticVariation() throws {
        let s = try #require(Self.decode("$GPRMC,171244.00,A,5209.7838,N,02048.4818,E,0.6,71.0,080405,3.5,E*63"))
        guard case .rmc(let r) = s else { Issue.record("not RMC"); return }
        #expect(r.isValid && r.date == NMEADate(year: 2005, month: 4, day: 8))
        #expect(r.speedKnots == 0.6 && r.trackTrueDegrees == 71.0 && r.magneticVariationDegrees == 3.5)
        #expect(r.utcTimeOfDayNanoseconds == Int64(17 * 3600 + 12 * 60 + 44) * 1_000_000_000)
    }

    @Test func zdaGivesFourDigitYear() throws {
        let s = try #require(Self.decode("$GNZDA,071551.000,06,08,2026,00,00*47"))
        guard case .zda(let z) = s else { Issue.record("not ZDA"); return }
        #expect(z.date == NMEADate(year: 2026, month: 8, day: 6) && z.localZoneHours == 0)
    }

    @Test func gstHdtGsaVtg() throws {
        let body = "GPGST,172814.0,0.006,0.023,0.020,273.6,0.023,0.020,0.031"
        let gst = try #require(Self.decode("$\(body)*\(Self.checksum(body))"))
        guard case .gst(let g) = gst else { Issue.record("not GST"); return }
        #expect(g.latitudeSigmaMeters == 0.023 && g.longitudeSigmaMeters == 0.020 && g.altitudeSigmaMeters == 0.031)
        let hdt = try #require(Self.decode("$HEHDT,\(274.07),T*\(Self.checksum("HEHDT,274.07,T"))"))
        guard case .hdt(let h) = hdt else { Issue.record("not HDT"); return }
        #expect(h.talker == "HE" && h.headingTrueDegrees == 274.07)
        let gsa = try #require(Self.decode("$GNGSA,A,3,01,11,31,14,22,32,04,25,03,,,,1.56,0.91,1.27*15"))
        guard case .gsa(let a) = gsa else { Issue.record("not GSA"); return }
        #expect(
            a.fixMode == 3 && a.satellites == [1, 11, 31, 14, 22, 32, 4, 25, 3] && a.pdop == 1.56 && a.vdop == 1.27)
        let vtg = try #require(Self.decode("$GNVTG,286.35,T,,M,0.00,N,0.00,K,A*29"))
        guard case .vtg(let v) = vtg else { Issue.record("not VTG"); return }
        #expect(v.trackTrueDegrees == 286.35 && v.speedKnots == 0 && v.faaMode == "A")
    }

    @Test(arguments: ["GP", "GN", "GL", "GA", "GB", "BD", "GQ", "GI"])
    func anyTalker(_ talker: String) throws {
        let body = "\(talker)GGA,000000.00,0000.000,N,00000.000,E,0,00,,,M,,M,,"
        let s = try #require(Self.decode("$\(body)*\(Self.checksum(body))"))
        #expect(s.talker == talker && s.type == "GGA")
    }

    @Test func otherAndProprietarySentencesKeepTheirFields() throws {
        let dbt = try #require(Self.decode("$SDDBT,7.8,f,2.4,M,1.3,F*0D"))
        #expect(dbt == .other(talker: "SD", type: "DBT", fields: ["7.8", "f", "2.4", "M", "1.3", "F"]))
        let body = "PGRMZ,48,f,3"
        let p = try #require(Self.decode("$\(body)*\(Self.checksum(body))"))
        #expect(p == .other(talker: "", type: "PGRMZ", fields: ["48", "f", "3"]))
    }

    @Test func badAndMissingChecksumsAreCountedGarbage() {
        let bad = DripFeed.verify(
            Self.sentence("$GPGGA,193221.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7E"))
        #expect(bad.counters.nmeaBadChecksum == 1 && bad.counters.nmeaSentences == 0)
        #expect(bad.frames.allSatisfy { if case .garbage = $0 { true } else { false } })
        let none = DripFeed.verify(Self.sentence("$GPHDT,274.07,T"))
        #expect(none.counters.nmeaBadChecksum == 1)
        #expect(throws: NMEAParseError.badChecksum(computed: 0x7D, given: 0x7E)) {
            try NMEAParser.parse(
                Array("$GPGGA,193221.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7E".utf8))
        }
    }

    @Test func lowercaseChecksumAndEmptyFieldsAreAccepted() throws {
        let s = try #require(Self.decode("$GPGGA,,,,,,0,,,,M,,M,,*66".lowercased().replacingFirst("$gpgga", "$GPGGA")))
        guard case .gga(let g) = s else { Issue.record("not GGA"); return }
        #expect(g.utcTimeOfDayNanoseconds == nil && g.latitude == nil && g.quality == 0)
    }

    static func checksum(_ body: String) -> String {
        let x = body.utf8.reduce(UInt8(0), ^)
        let hex = Array("0123456789ABCDEF")
        return String([hex[Int(x >> 4)], hex[Int(x & 15)]])
    }
}

extension String {
    fileprivate func replacingFirst(_ a: String, _ b: String) -> String {
        guard hasPrefix(a) else { return self }
        return b + dropFirst(a.count)
    }
}
