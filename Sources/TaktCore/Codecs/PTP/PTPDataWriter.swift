/// Little-endian PTP dataset encoder (the inverse of `PTPDataReader`), used to build command data phases and, in
/// tests and emulators, device-side datasets.
public struct PTPDataWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func u16(_ v: UInt16) { for i in 0..<2 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    public mutating func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    public mutating func u64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
    public mutating func append(_ b: [UInt8]) { bytes += b }

    /// A PTP string. PTP strings hold at most 254 UTF-16 units plus the NUL; longer text is cut at a scalar
    /// boundary rather than producing an unreadable count.
    public mutating func string(_ s: String) {
        var units: [UInt16] = []
        for scalar in s.unicodeScalars {
            let encoded = Array(String(scalar).utf16)
            if units.count + encoded.count > 254 { break }
            units += encoded
        }
        guard !units.isEmpty else { return u8(0) }
        u8(UInt8(units.count + 1))
        for u in units { u16(u) }
        u16(0)
    }

    public mutating func u16Array(_ values: [UInt16]) {
        u32(UInt32(truncatingIfNeeded: values.count))
        for v in values { u16(v) }
    }

    public mutating func u32Array(_ values: [UInt32]) {
        u32(UInt32(truncatingIfNeeded: values.count))
        for v in values { u32(v) }
    }
}
