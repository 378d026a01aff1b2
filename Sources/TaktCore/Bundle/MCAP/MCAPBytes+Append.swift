/// Little-endian appenders for MCAP's primitive types. They append whole words through `withUnsafeBytes` so the
/// writer never runs a per-byte closure.
extension Array where Element == UInt8 {
    @inline(__always) mutating func appendLE(_ value: UInt8) { append(value) }

    @inline(__always) mutating func appendLE(_ value: UInt16) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    @inline(__always) mutating func appendLE(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    @inline(__always) mutating func appendLE(_ value: UInt64) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// `String`: u32 byte length + UTF-8.
    mutating func appendMCAPString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            appendLE(UInt32(truncatingIfNeeded: utf8.count))
            append(contentsOf: utf8)
        }
    }

    /// `Map<string, string>`: u32 byte length + entries, keys sorted so equal maps give equal bytes.
    mutating func appendMCAPStringMap(_ map: [String: String]) {
        let entries = map.sorted { $0.key < $1.key }
        var length = 0
        for (key, value) in entries { length += 8 + key.utf8.count + value.utf8.count }
        appendLE(UInt32(truncatingIfNeeded: length))
        for (key, value) in entries {
            appendMCAPString(key)
            appendMCAPString(value)
        }
    }

    /// `Map<u16, u64>`: u32 byte length + entries sorted by key.
    mutating func appendMCAPCountMap(_ map: [UInt16: UInt64]) {
        appendLE(UInt32(truncatingIfNeeded: map.count * 10))
        for key in map.keys.sorted() {
            appendLE(key)
            appendLE(map[key] ?? 0)
        }
    }

    /// Starts a record whose content length is not known yet; returns where to patch it.
    mutating func beginMCAPRecord(_ opcode: MCAPOpcode) -> Int {
        let start = count
        append(opcode.rawValue)
        appendLE(UInt64(0))
        return start
    }

    /// Writes the content length of the record begun at `start`, now that its content is appended.
    mutating func endMCAPRecord(startedAt start: Int) {
        let length = UInt64(count - start - MCAPFormat.recordPrefixLength).littleEndian
        Swift.withUnsafeBytes(of: length) { raw in
            for i in 0..<8 { self[start + 1 + i] = raw[i] }
        }
    }
}
