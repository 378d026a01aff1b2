/// Reads MCAP primitives from one record's content. Every read checks the record's end, so a corrupt length can
/// only produce `.truncatedRecord`, never an out-of-bounds trap.
struct MCAPByteCursor {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int
    /// For error context.
    let opcode: UInt8
    let recordOffset: UInt64

    init(_ bytes: [UInt8], range: Range<Int>, opcode: UInt8, recordOffset: UInt64) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
        self.opcode = opcode
        self.recordOffset = recordOffset
    }

    var remaining: Int { end - position }

    private var truncated: MCAPReadError { .truncatedRecord(opcode: opcode, offset: recordOffset) }

    mutating func u8() throws(MCAPReadError) -> UInt8 {
        guard remaining >= 1 else { throw truncated }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16() throws(MCAPReadError) -> UInt16 { try load(UInt16.self) }
    mutating func u32() throws(MCAPReadError) -> UInt32 { try load(UInt32.self) }
    mutating func u64() throws(MCAPReadError) -> UInt64 { try load(UInt64.self) }

    private mutating func load<T: FixedWidthInteger>(_: T.Type) throws(MCAPReadError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw truncated }
        let p = position
        position += size
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: p, as: T.self)) }
    }

    /// `count` raw bytes.
    mutating func bytes(_ count: UInt64) throws(MCAPReadError) -> [UInt8] {
        guard count <= UInt64(remaining) else { throw truncated }
        let n = Int(count)
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    /// Skips `count` bytes.
    mutating func skip(_ count: UInt64) throws(MCAPReadError) {
        guard count <= UInt64(remaining) else { throw truncated }
        position += Int(count)
    }

    /// The rest of the record (Message payloads).
    mutating func rest() -> [UInt8] {
        defer { position = end }
        return Array(bytes[position..<end])
    }

    /// `String`: u32 length + UTF-8.
    mutating func string() throws(MCAPReadError) -> String {
        let length = try u32()
        guard UInt64(length) <= UInt64(remaining) else { throw truncated }
        let range = position..<(position + Int(length))
        position = range.upperBound
        guard let s = String(validating: bytes[range], as: UTF8.self) else {
            throw .invalidUTF8(opcode: opcode, offset: recordOffset)
        }
        return s
    }

    /// `Map<string, string>`.
    mutating func stringMap() throws(MCAPReadError) -> [String: String] {
        var inner = try subCursor()
        var map: [String: String] = [:]
        while inner.remaining > 0 {
            let key = try inner.string()
            map[key] = try inner.string()
        }
        return map
    }

    /// `Map<u16, u64>`.
    mutating func countMap() throws(MCAPReadError) -> [UInt16: UInt64] {
        var inner = try subCursor()
        var map: [UInt16: UInt64] = [:]
        while inner.remaining > 0 {
            let key = try inner.u16()
            map[key] = try inner.u64()
        }
        return map
    }

    /// A cursor over a u32-length-prefixed region (Map / Array), advancing past it.
    mutating func subCursor() throws(MCAPReadError) -> MCAPByteCursor {
        let length = try u32()
        guard UInt64(length) <= UInt64(remaining) else { throw truncated }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return MCAPByteCursor(bytes, range: range, opcode: opcode, recordOffset: recordOffset)
    }
}
