/// MCAP record opcodes (spec "Records"). 0x00 is reserved and 0x80...0xFF are private to applications; readers
/// must skip any opcode they do not know, so the reader keeps unknown ones as `MCAPRecord.unknown`.
public enum MCAPOpcode: UInt8, Sendable, CaseIterable {
    case header = 0x01
    case footer = 0x02
    case schema = 0x03
    case channel = 0x04
    case message = 0x05
    case chunk = 0x06
    case messageIndex = 0x07
    case chunkIndex = 0x08
    case attachment = 0x09
    case attachmentIndex = 0x0A
    case statistics = 0x0B
    case metadata = 0x0C
    case metadataIndex = 0x0D
    case summaryOffset = 0x0E
    case dataEnd = 0x0F
}

/// File-level constants shared by the writer, the reader and recovery.
public enum MCAPFormat {
    /// `0x89 'M' 'C' 'A' 'P' '0' '\r' '\n'`: starts and ends every MCAP file ('0' is the major version).
    public static let magic: [UInt8] = [0x89, 0x4D, 0x43, 0x41, 0x50, 0x30, 0x0D, 0x0A]
    /// Opcode byte plus the u64 content length that precede every record's content.
    public static let recordPrefixLength = 9
    /// Content length of a Footer: summary_start, summary_offset_start, summary_crc.
    public static let footerContentLength = 20
}
