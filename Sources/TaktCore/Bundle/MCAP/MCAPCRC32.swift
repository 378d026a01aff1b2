/// CRC-32 as MCAP uses it (zlib's: reflected polynomial 0xEDB88320, init and xor-out 0xFFFFFFFF), computed
/// slicing-by-8 because the writer checksums every chunk and the data section on the recording hot path.
///
/// ```swift
/// var crc = MCAPCRC32()
/// crc.update(firstPart)
/// crc.update(secondPart)
/// let value = crc.value   // == MCAPCRC32.checksum(firstPart + secondPart)
/// ```
public struct MCAPCRC32: Sendable, Equatable {
    private var state: UInt32

    /// A fresh checksum (the CRC of no bytes is 0).
    public init() { state = 0xFFFF_FFFF }

    /// Continues a checksum whose value so far is `crc` (zlib's `crc32(data, crc)` chaining).
    public init(continuing crc: UInt32) { state = ~crc }

    /// The CRC of every byte passed to `update` so far.
    public var value: UInt32 { ~state }

    /// The CRC of `bytes` in one call.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc = MCAPCRC32()
        crc.update(bytes)
        return crc.value
    }

    /// Feeds more bytes; contiguous collections take the fast path.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Feeds raw bytes: 8 at a time through the 8 tables, then the tail through table 0.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        let table = MCAPCRC32Tables.slices
        var crc = state
        var index = 0
        let count = buffer.count
        table.withUnsafeBufferPointer { t in
            while count - index >= 8 {
                let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ crc
                let high = UInt32(truncatingIfNeeded: word >> 32)
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = t[Int((crc ^ UInt32(buffer[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
        }
        state = crc
    }
}

/// The 8 × 256 lookup tables, built once (a thread-safe lazy global).
private enum MCAPCRC32Tables {
    static let slices: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[n] = c
        }
        for n in 0..<256 {
            var c = tables[n]
            for k in 1..<8 {
                c = tables[Int(c & 0xFF)] ^ (c >> 8)
                tables[k * 256 + n] = c
            }
        }
        return tables
    }()
}
