/// Sans-I/O reader for classic libpcap capture files (µs or ns resolution, either byte order).
///
/// Usage: `var reader = try PcapCaptureReader(bytes: fileBytes); while let record = try reader.next() { … }`.
/// The replayer and the decoder tests feed it real captures; it never traps on a truncated or corrupt file.
public struct PcapCaptureReader: Sendable {
    public let linkType: UInt32
    public let nanosecondResolution: Bool
    public let snapLength: UInt32
    private let bytes: [UInt8]
    private let bigEndian: Bool
    private var offset = 24

    public init(bytes: [UInt8]) throws(PcapCaptureError) {
        guard bytes.count >= 24 else { throw .truncatedHeader }
        let magicLE = LittleEndianReader(bytes).u32(0) ?? 0
        switch magicLE {
        case 0xA1B2_C3D4: (bigEndian, nanosecondResolution) = (false, false)
        case 0xA1B2_3C4D: (bigEndian, nanosecondResolution) = (false, true)
        case 0xD4C3_B2A1: (bigEndian, nanosecondResolution) = (true, false)
        case 0x4D3C_B2A1: (bigEndian, nanosecondResolution) = (true, true)
        default: throw .badMagic(magicLE)
        }
        self.bytes = bytes
        let reader = LittleEndianReader(bytes)
        let swap = bigEndian
        func field(_ at: Int) -> UInt32 {
            let value = reader.u32(at) ?? 0
            return swap ? value.byteSwapped : value
        }
        snapLength = field(16)
        linkType = field(20)
    }

    /// The next record, `nil` at a clean end of file.
    public mutating func next() throws(PcapCaptureError) -> PcapCaptureRecord? {
        guard offset < bytes.count else { return nil }
        guard offset + 16 <= bytes.count else { throw .truncatedRecord(offset: offset) }
        let reader = LittleEndianReader(bytes)
        func field(_ at: Int) -> UInt32 {
            let value = reader.u32(at) ?? 0
            return bigEndian ? value.byteSwapped : value
        }
        let seconds = Int64(field(offset))
        let fraction = Int64(field(offset + 4))
        let captured = Int(field(offset + 8))
        let original = Int(field(offset + 12))
        guard captured <= 262_144 * 4 else { throw .implausibleLength(offset: offset, length: captured) }
        guard offset + 16 + captured <= bytes.count else { throw .truncatedRecord(offset: offset) }
        let data = Array(bytes[(offset + 16)..<(offset + 16 + captured)])
        let nanos = seconds * 1_000_000_000 + (nanosecondResolution ? fraction : fraction * 1000)
        offset += 16 + captured
        return PcapCaptureRecord(timestampNanoseconds: nanos, originalLength: original, data: data)
    }
}

/// One captured link-layer frame.
public struct PcapCaptureRecord: Sendable, Hashable {
    /// Capture time as Unix-epoch nanoseconds (the capturing host's CLOCK_REALTIME).
    public var timestampNanoseconds: Int64
    public var originalLength: Int
    public var data: [UInt8]

    public init(timestampNanoseconds: Int64, originalLength: Int, data: [UInt8]) {
        self.timestampNanoseconds = timestampNanoseconds
        self.originalLength = originalLength
        self.data = data
    }
}

/// Why a capture file could not be read further.
public enum PcapCaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    case truncatedHeader
    case badMagic(UInt32)
    case truncatedRecord(offset: Int)
    case implausibleLength(offset: Int, length: Int)

    public var description: String {
        switch self {
        case .truncatedHeader: "pcap file shorter than its 24-byte header"
        case .badMagic(let magic): "not a classic pcap file (magic 0x\(String(magic, radix: 16))); pcapng is not read"
        case .truncatedRecord(let offset): "pcap record at byte \(offset) is cut short (file truncated?)"
        case .implausibleLength(let offset, let length): "pcap record at byte \(offset) claims \(length) bytes"
        }
    }
}
