/// Lenient field parsers shared by the sentence decoders.
///
/// Receivers leave fields empty ("no data") or fill them with junk; every parser returns `nil` rather than failing
/// so one bad field never discards the rest of a sentence (gpsd behaves the same way).
enum NMEAField {
    /// A decimal number ("12.5", "-0.3", "007"); nil when empty or malformed.
    static func double(_ s: String) -> Double? {
        guard !s.isEmpty, s.utf8.count <= 32 else { return nil }
        for c in s.utf8 where !(c >= 0x30 && c <= 0x39) && c != 0x2E && c != 0x2D && c != 0x2B { return nil }
        return Double(s)
    }

    static func int(_ s: String) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 18 else { return nil }
        return Int(s)
    }

    /// `hhmmss[.sss…]` as nanoseconds since UTC midnight. Seconds up to 60 are allowed (leap second).
    static func timeOfDay(_ s: String) -> Int64? {
        let u = Array(s.utf8)
        guard u.count >= 6, u.count <= 20 else { return nil }
        guard let hh = digits(u, 0, 2), let mm = digits(u, 2, 2), let ss = digits(u, 4, 2) else { return nil }
        guard hh < 24, mm < 60, ss <= 60 else { return nil }
        var fraction: Int64 = 0
        if u.count > 6 {
            guard u[6] == 0x2E else { return nil }
            var scale: Int64 = 100_000_000
            for c in u[7...] {
                guard c >= 0x30, c <= 0x39 else { return nil }
                fraction += Int64(c - 0x30) * scale
                scale /= 10
            }
        }
        return (Int64(hh) * 3600 + Int64(mm) * 60 + Int64(ss)) * 1_000_000_000 + fraction
    }

    /// `ddmmyy` (RMC). The century follows the NMEA convention used by gpsd: years 80–99 are 19xx, else 20xx.
    static func dateDDMMYY(_ s: String) -> NMEADate? {
        let u = Array(s.utf8)
        guard u.count == 6, let d = digits(u, 0, 2), let m = digits(u, 2, 2), let y = digits(u, 4, 2) else {
            return nil
        }
        return NMEADate(year: y >= 80 ? 1900 + y : 2000 + y, month: m, day: d)
    }

    /// `ddmm.mmmm` / `dddmm.mmmm` plus hemisphere into signed degrees.
    static func coordinate(_ value: String, _ hemisphere: String) -> Double? {
        guard let raw = double(value), raw >= 0 else { return nil }
        let degrees = (raw / 100).rounded(.towardZero)
        let minutes = raw - degrees * 100
        guard minutes < 60 else { return nil }
        let v = degrees + minutes / 60
        switch hemisphere {
        case "N", "E": return v
        case "S", "W": return -v
        default: return nil
        }
    }

    private static func digits(_ u: [UInt8], _ at: Int, _ n: Int) -> Int? {
        var v = 0
        for i in at..<(at + n) {
            let c = u[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }
}

extension Array where Element == String {
    /// Field `i`, or "" when the sentence is shorter (a short sentence means "no data" for the missing fields).
    subscript(field i: Int) -> String { i < count ? self[i] : "" }
}
