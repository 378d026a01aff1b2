/// Why a checksum-valid UBX frame's payload could not be decoded. Counted as a malformed message, never thrown
/// past the stream decoder.
public enum UBXDecodeError: Error, Hashable, Sendable, Codable {
    /// The payload length does not match the message layout.
    case badLength(messageClass: UInt8, id: UInt8, expected: Int, actual: Int)
    /// A repeated-block count in the header disagrees with the payload length.
    case badBlockCount(messageClass: UInt8, id: UInt8, count: Int, payloadLength: Int)
}
