import TaktCore

/// Adds a constant to an Ouster lidar packet's frame id (every column's for the legacy profile), so a looped
/// capture reads as one continuing rotation count instead of the same frames again and again.
enum OusterFrameRenumbering {
    static func renumber(_ payload: [UInt8], format: OusterPacketFormat, adding delta: UInt32) -> [UInt8] {
        guard payload.count == format.lidarPacketSize, delta != 0 else { return payload }
        var bytes = payload
        let profile = format.profile
        if profile.isLegacy {
            for column in 0..<format.columnsPerPacket { add16(delta, at: column * format.columnSize + 10, in: &bytes) }
        } else if profile.isFuSa {
            let value = read(bytes, at: 4, width: 4) &+ delta
            for byte in 0..<4 { bytes[4 + byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(byte))) }
        } else {
            add16(delta, at: 2, in: &bytes)
        }
        return bytes
    }

    private static func add16(_ delta: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        let value = UInt16(truncatingIfNeeded: read(bytes, at: offset, width: 2) &+ delta)
        bytes[offset] = UInt8(truncatingIfNeeded: value)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
    }

    private static func read(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt32 {
        var value: UInt32 = 0
        for byte in (0..<width).reversed() { value = value << 8 | UInt32(bytes[offset + byte]) }
        return value
    }
}
