/// Validates and decodes one framed NMEA sentence (`$` or `!` through the optional CR LF).
///
/// Pure and total: every input either decodes or yields a typed `NMEAParseError`.
public enum NMEAParser {
    /// Longest sentence accepted. The standard says 82 characters; real receivers (u-blox high-precision NMEA,
    /// Quectel, Teseo proprietary sentences) exceed it, gpsd allows about 100, so Takt is generous.
    public static let maxSentenceLength = 200

    public static func parse<C: Collection>(_ raw: C) throws(NMEAParseError) -> NMEASentence
    where C.Element == UInt8 {
        var bytes = Array(raw)
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard let first = bytes.first, first == 0x24 || first == 0x21 else { throw .noStart }
        guard let star = bytes.lastIndex(of: 0x2A), star + 3 == bytes.count else { throw .missingChecksum }
        var sum: UInt8 = 0
        for b in bytes[1..<star] { sum ^= b }
        guard let given = hexByte(bytes[star + 1], bytes[star + 2]) else { throw .missingChecksum }
        guard given == sum else { throw .badChecksum(computed: sum, given: given) }
        for b in bytes[1..<star] where b < 0x20 || b > 0x7E { throw .nonPrintable }
        let body = String(decoding: bytes[1..<star], as: UTF8.self)
        var parts = body.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let address = parts.removeFirst()
        return decode(address: address, fields: parts)
    }

    /// Splits the address into talker and type and picks the typed decoder.
    static func decode(address: String, fields: [String]) -> NMEASentence {
        if address.hasPrefix("P") || address.count < 5 {
            return .other(talker: "", type: address, fields: fields)
        }
        let talker = String(address.prefix(2))
        let type = String(address.dropFirst(2))
        switch type {
        case "GGA": return .gga(NMEAGGA(talker: talker, fields: fields))
        case "RMC": return .rmc(NMEARMC(talker: talker, fields: fields))
        case "ZDA": return .zda(NMEAZDA(talker: talker, fields: fields))
        case "GST": return .gst(NMEAGST(talker: talker, fields: fields))
        case "HDT": return .hdt(NMEAHDT(talker: talker, fields: fields))
        case "GSA": return .gsa(NMEAGSA(talker: talker, fields: fields))
        case "VTG": return .vtg(NMEAVTG(talker: talker, fields: fields))
        case "GLL": return .gll(NMEAGLL(talker: talker, fields: fields))
        case "GNS": return .gns(NMEAGNS(talker: talker, fields: fields))
        default: return .other(talker: talker, type: type, fields: fields)
        }
    }

    private static func hexByte(_ hi: UInt8, _ lo: UInt8) -> UInt8? {
        guard let h = hexDigit(hi), let l = hexDigit(lo) else { return nil }
        return h << 4 | l
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}
