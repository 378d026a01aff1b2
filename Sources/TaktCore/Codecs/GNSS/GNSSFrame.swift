/// One unit of a receiver byte stream, always carrying its exact raw bytes.
///
/// Concatenating the `raw` of every frame a `GNSSStreamDecoder` yields reproduces its input byte for byte, so the
/// raw recorder (the `.ubx` file PPK tools read) can be written from frames without a second copy of the stream.
public enum GNSSFrame: Hashable, Sendable {
    case nmea(NMEASentence, raw: [UInt8])
    case ubx(UBXMessage, raw: [UInt8])
    /// Bytes that are neither NMEA nor UBX: line noise, other protocols, frames with bad checksums.
    case garbage([UInt8])
    /// A gpsfake log comment line (`#` at a frame boundary), only when the decoder was asked to recognise them.
    case comment([UInt8])

    public var raw: [UInt8] {
        switch self {
        case .nmea(_, let raw), .ubx(_, let raw): raw
        case .garbage(let raw), .comment(let raw): raw
        }
    }
}
