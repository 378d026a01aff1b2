/// UBX framing: `B5 62 class id len(LE u16) payload ck_a ck_b`, with the 8-bit Fletcher checksum over
/// class..payload. Shared by the decoder, the segment cutter and recovery (a `.ubx` must end on a valid frame or
/// RTKLIB's convbin writes no RINEX at all).
public enum UBXFrame {
    public static let sync1: UInt8 = 0xB5
    public static let sync2: UInt8 = 0x62
    /// Sync, class, id, length.
    public static let headerLength = 6
    public static let checksumLength = 2
    /// Largest payload Takt accepts; u-blox's largest (RXM-RAWX with 64+ measurements) stays well below.
    public static let maxPayloadLength = 8192

    /// The 8-bit Fletcher checksum over `bytes` (class, id, length and payload).
    public static func checksum<C: Collection>(_ bytes: C) -> (UInt8, UInt8) where C.Element == UInt8 {
        var a: UInt8 = 0
        var b: UInt8 = 0
        for byte in bytes {
            a &+= byte
            b &+= a
        }
        return (a, b)
    }

    /// Encodes one frame; used by emulators and tests.
    public static func encode(messageClass: UInt8, id: UInt8, payload: [UInt8]) -> [UInt8] {
        var body: [UInt8] = [messageClass, id, UInt8(payload.count & 0xFF), UInt8(payload.count >> 8)]
        body.append(contentsOf: payload)
        let (a, b) = checksum(body)
        return [sync1, sync2] + body + [a, b]
    }

    /// The result of looking for a frame at `start`.
    public enum Probe: Equatable, Sendable {
        /// A checksum-valid frame of `length` bytes starts here.
        case frame(length: Int)
        /// Bytes here could still become a frame once more arrive.
        case needMoreData
        /// Not a frame start (bad sync, absurd length or bad checksum).
        case invalid
    }

    /// Checks whether a valid frame starts at `start` in `bytes`.
    public static func probe(_ bytes: [UInt8], at start: Int) -> Probe {
        let avail = bytes.count - start
        if avail < 1 { return .needMoreData }
        if bytes[start] != sync1 { return .invalid }
        if avail < 2 { return .needMoreData }
        if bytes[start + 1] != sync2 { return .invalid }
        if avail < headerLength { return .needMoreData }
        let len = Int(bytes[start + 4]) | Int(bytes[start + 5]) << 8
        if len > maxPayloadLength { return .invalid }
        let total = headerLength + len + checksumLength
        if avail < total { return .needMoreData }
        let (a, b) = checksum(bytes[(start + 2)..<(start + headerLength + len)])
        guard bytes[start + total - 2] == a, bytes[start + total - 1] == b else { return .invalid }
        return .frame(length: total)
    }
}
