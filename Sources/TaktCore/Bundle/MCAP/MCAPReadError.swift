/// Why an MCAP byte stream could not be read. Offsets are absolute file offsets of the record (or of the chunk
/// holding it), so an operator can find the damage with a hex dump or cut the file there.
public enum MCAPReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The 8 magic bytes at the start (or after the footer) are wrong: not an MCAP file, or not version 0.
    case invalidMagic(offset: UInt64)
    /// A field runs past the end of its record: the record is corrupt or truncated.
    case truncatedRecord(opcode: UInt8, offset: UInt64)
    /// A record declares a length larger than the reader accepts (corrupt length field).
    case recordTooLarge(opcode: UInt8, length: UInt64, offset: UInt64)
    /// Opcode 0x00 is reserved; seeing it usually means a zero-filled tail after a crash.
    case reservedOpcode(offset: UInt64)
    /// A string field is not valid UTF-8.
    case invalidUTF8(opcode: UInt8, offset: UInt64)
    /// A chunk's records do not match its uncompressed_crc.
    case chunkCRCMismatch(offset: UInt64, expected: UInt32, actual: UInt32)
    /// The Data End record's CRC does not match the bytes before it.
    case dataSectionCRCMismatch(offset: UInt64, expected: UInt32, actual: UInt32)
    /// The footer's summary CRC does not match the summary bytes.
    case summaryCRCMismatch(offset: UInt64, expected: UInt32, actual: UInt32)
    /// An attachment's CRC does not match its content.
    case attachmentCRCMismatch(offset: UInt64, expected: UInt32, actual: UInt32)
    /// A chunk is compressed with a codec Takt does not ship (only uncompressed "" chunks are supported).
    case unsupportedCompression(String, offset: UInt64)
    /// A chunk's uncompressed_size disagrees with its records' length.
    case chunkSizeMismatch(offset: UInt64, declared: UInt64, actual: UInt64)
    /// A record that may not appear inside a chunk (only Schema, Channel, Message may) was found in one.
    case invalidRecordInChunk(opcode: UInt8, chunkOffset: UInt64)
    /// The stream ended in the middle of a record or before the footer (only reported by whole-file readers).
    case unexpectedEnd(offset: UInt64)
    /// A Message refers to a channel never defined before it.
    case unknownChannel(id: UInt16, offset: UInt64)
    /// A Channel refers to a schema never defined before it.
    case unknownSchema(id: UInt16, offset: UInt64)

    public var description: String {
        switch self {
        case .invalidMagic(let o): "MCAP: invalid magic at offset \(o) (not an MCAP v0 file)"
        case .truncatedRecord(let op, let o): "MCAP: record opcode \(hex(op)) at offset \(o) is shorter than its fields"
        case .recordTooLarge(let op, let l, let o):
            "MCAP: record opcode \(hex(op)) at offset \(o) declares \(l) bytes (corrupt length?)"
        case .reservedOpcode(let o): "MCAP: reserved opcode 0x00 at offset \(o) (zero-filled or garbage tail?)"
        case .invalidUTF8(let op, let o): "MCAP: record opcode \(hex(op)) at offset \(o) has a non-UTF-8 string"
        case .chunkCRCMismatch(let o, let e, let a):
            "MCAP: chunk at offset \(o) fails its CRC (stored \(hex(e)), computed \(hex(a))); run recovery"
        case .dataSectionCRCMismatch(let o, let e, let a):
            "MCAP: data section CRC mismatch at Data End offset \(o) (stored \(hex(e)), computed \(hex(a)))"
        case .summaryCRCMismatch(let o, let e, let a):
            "MCAP: summary CRC mismatch at footer offset \(o) (stored \(hex(e)), computed \(hex(a)))"
        case .attachmentCRCMismatch(let o, let e, let a):
            "MCAP: attachment at offset \(o) fails its CRC (stored \(hex(e)), computed \(hex(a)))"
        case .unsupportedCompression(let c, let o):
            "MCAP: chunk at offset \(o) uses compression \"\(c)\"; only uncompressed chunks are supported"
        case .chunkSizeMismatch(let o, let d, let a):
            "MCAP: chunk at offset \(o) declares \(d) uncompressed bytes but holds \(a)"
        case .invalidRecordInChunk(let op, let o): "MCAP: chunk at offset \(o) contains a record opcode \(hex(op))"
        case .unexpectedEnd(let o): "MCAP: data ends at offset \(o) inside a record or before the footer"
        case .unknownChannel(let id, let o): "MCAP: message at offset \(o) uses undefined channel \(id)"
        case .unknownSchema(let id, let o): "MCAP: channel at offset \(o) uses undefined schema \(id)"
        }
    }
}

private func hex(_ value: some FixedWidthInteger) -> String {
    "0x" + String(value, radix: 16, uppercase: true)
}
