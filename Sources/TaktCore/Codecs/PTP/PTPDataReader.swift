/// A bounds-checked little-endian cursor over PTP dataset bytes. Every read names its field so a truncation error
/// says what was missing where.
public struct PTPDataReader: Sendable {
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    public init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    /// Offset from the start of the dataset.
    public var offset: Int { index - bytes.startIndex }
    public var remaining: Int { bytes.endIndex - index }
    public var isAtEnd: Bool { index >= bytes.endIndex }

    private mutating func take(_ count: Int, _ field: String) throws(PTPError) -> ArraySlice<UInt8> {
        guard count <= remaining else {
            throw .truncated(field: field, offset: offset, needed: count, available: remaining)
        }
        defer { index += count }
        return bytes[index..<index + count]
    }

    private mutating func little(_ count: Int, _ field: String) throws(PTPError) -> UInt64 {
        var value: UInt64 = 0
        for (shift, byte) in try take(count, field).enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
        return value
    }

    public mutating func u8(_ field: String) throws(PTPError) -> UInt8 { UInt8(try little(1, field)) }
    public mutating func u16(_ field: String) throws(PTPError) -> UInt16 { UInt16(try little(2, field)) }
    public mutating func u32(_ field: String) throws(PTPError) -> UInt32 { UInt32(try little(4, field)) }
    public mutating func u64(_ field: String) throws(PTPError) -> UInt64 { try little(8, field) }

    /// A PTP string: u8 character count (including the terminating NUL; 0 for the empty string), then UTF-16LE.
    public mutating func string(_ field: String) throws(PTPError) -> String {
        let start = offset
        let count = Int(try u8(field))
        guard count > 0 else { return "" }
        var units: [UInt16] = []
        units.reserveCapacity(count)
        for _ in 0..<count { units.append(try u16(field)) }
        guard units.last == 0 else { throw .badString(offset: start) }
        units.removeLast()
        var text = ""
        var decoder = UTF16()
        var iterator = units.makeIterator()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.unicodeScalars.append(scalar)
            case .emptyInput: break decoding
            case .error: throw .badString(offset: start)
            }
        }
        return text
    }

    /// A PTP array of u16: u32 element count, then the elements. The count is checked before allocating.
    public mutating func u16Array(_ field: String) throws(PTPError) -> [UInt16] {
        let count = try u32(field)
        guard UInt64(count) * 2 <= UInt64(remaining) else {
            throw .arrayTooLong(field: field, count: count, available: remaining)
        }
        var out: [UInt16] = []
        out.reserveCapacity(Int(count))
        for _ in 0..<count { out.append(try u16(field)) }
        return out
    }

    /// A PTP array of u32.
    public mutating func u32Array(_ field: String) throws(PTPError) -> [UInt32] {
        let count = try u32(field)
        guard UInt64(count) * 4 <= UInt64(remaining) else {
            throw .arrayTooLong(field: field, count: count, available: remaining)
        }
        var out: [UInt32] = []
        out.reserveCapacity(Int(count))
        for _ in 0..<count { out.append(try u32(field)) }
        return out
    }

    /// Throws unless every byte was consumed.
    public func finish(_ dataset: String) throws(PTPError) {
        if remaining > 0 { throw .trailingBytes(dataset: dataset, count: remaining) }
    }
}
