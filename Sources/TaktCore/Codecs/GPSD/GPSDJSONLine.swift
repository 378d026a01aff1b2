/// A minimal, allocation-light look into one gpsd JSON line for the few fields libgps 3.22 drops.
///
/// libgps parses each report into `gps_data_t`, but in 3.22 it loses PPS `precision` (no struct field) and files
/// TOFF values under `pps`. `gps_read` hands back the raw line, so the adapter asks this scanner for the `class`
/// and for integer members. It is not a JSON parser: it finds `"key":` at the top level of a flat gpsd object and
/// reads the scalar after it, which is all gpsd's PPS/TOFF/TPV lines need. Malformed input yields `nil`.
public struct GPSDJSONLine: Sendable {
    public let bytes: [UInt8]

    public init(_ line: String) { self.bytes = Array(line.utf8) }
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The value of the `"class"` member, e.g. `"TOFF"`.
    public var className: String? { string(for: "class") }

    /// The integer value of a top-level member, or `nil` if absent or not an integer.
    public func integer(for key: String) -> Int64? {
        guard var i = valueStart(for: key) else { return nil }
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var value: Int64 = 0
        var digits = 0
        while i < bytes.count, let d = Self.digit(bytes[i]) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            value = s
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") { return nil }
        return negative ? -value : value
    }

    /// The string value of a top-level member (no escape handling; gpsd's class and path values need none).
    public func string(for key: String) -> String? {
        guard let start = valueStart(for: key), start < bytes.count, bytes[start] == UInt8(ascii: "\"") else {
            return nil
        }
        var end = start + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
        guard end < bytes.count else { return nil }
        return String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
    }

    /// Index of the first non-space byte after `"key":` at nesting depth 1, outside strings.
    private func valueStart(for key: String) -> Int? {
        let needle = Array("\"\(key)\"".utf8)
        var depth = 0
        var inString = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                if b == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "\""):
                if depth == 1, matches(needle, at: i), let colon = skipSpaces(from: i + needle.count),
                    colon < bytes.count, bytes[colon] == UInt8(ascii: ":")
                {
                    return skipSpaces(from: colon + 1)
                }
                inString = true
            default: break
            }
            i += 1
        }
        return nil
    }

    private func matches(_ needle: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        return bytes[index..<(index + needle.count)].elementsEqual(needle)
    }

    private func skipSpaces(from index: Int) -> Int? {
        var i = index
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return i
    }

    private static func digit(_ b: UInt8) -> UInt8? {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? b - UInt8(ascii: "0") : nil
    }
}
