/// Bounds-checked little-endian field reads over a packet's bytes.
///
/// Every LiDAR format Takt decodes is little-endian. Decoders validate the packet size before reading fields, and
/// these readers still refuse to read past the end (returning `nil`), so a wrong offset is a typed error, never a
/// trap on a sensor's packet.
struct LittleEndianReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var count: Int { bytes.count }

    /// Reads `width` bytes (1...8) at `offset` as an unsigned little-endian integer, or `nil` if out of range.
    func unsigned(at offset: Int, width: Int) -> UInt64? {
        guard offset >= 0, width >= 1, width <= 8, offset <= bytes.count - width else { return nil }
        var value: UInt64 = 0
        for index in stride(from: width - 1, through: 0, by: -1) {
            value = (value << 8) | UInt64(bytes[offset + index])
        }
        return value
    }

    func u8(_ offset: Int) -> UInt8? { unsigned(at: offset, width: 1).map { UInt8($0) } }
    func u16(_ offset: Int) -> UInt16? { unsigned(at: offset, width: 2).map { UInt16($0) } }
    func u32(_ offset: Int) -> UInt32? { unsigned(at: offset, width: 4).map { UInt32($0) } }
    func u64(_ offset: Int) -> UInt64? { unsigned(at: offset, width: 8) }
    func f32(_ offset: Int) -> Float? { u32(offset).map { Float(bitPattern: $0) } }
}
