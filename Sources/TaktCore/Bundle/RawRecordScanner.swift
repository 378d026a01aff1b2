/// Finds the longest prefix of a raw payload file that ends on a whole valid record, pushing bytes in chunks so a
/// multi-hundred-megabyte pcap never has to sit in memory.
///
/// Recovery truncates an unclosed segment's files to `validPrefixLength`; verify demands it equals the file
/// length. Rules per kind:
/// - pcap: 24-byte header, then whole records (16-byte header + `incl_len` bytes, `incl_len` ≤ snaplen);
/// - ubx / nmea: the u-blox byte stream mixes UBX and NMEA, so the prefix ends after a checksum-valid UBX frame
///   (`UBXFrame.probe`) or a complete checksum-valid NMEA sentence; noise between records is skipped and counted
///   (RTKLIB convbin writes no RINEX at all if a `.ubx` ends inside a frame);
/// - jpeg: SOI, marker segments, entropy-coded data, EOI.
///
/// ```swift
/// var scanner = RawRecordScanner(kind: .pcap)
/// while let chunk = read() { scanner.consume(chunk) }
/// let result = scanner.finish()
/// ```
public struct RawRecordScanner: Sendable {
    private enum Engine: Sendable {
        case pcap(PcapScanner)
        case gnss(GNSSStreamScanner)
        case jpeg(JPEGScanner)
        case opaque(Int64)
    }

    public let kind: RawFileKind
    private var engine: Engine

    public init(kind: RawFileKind) {
        self.kind = kind
        switch kind {
        case .pcap: engine = .pcap(PcapScanner())
        case .ubx, .nmea: engine = .gnss(GNSSStreamScanner())
        case .jpeg: engine = .jpeg(JPEGScanner())
        case .mcap, .json, .other: engine = .opaque(0)
        }
    }

    public mutating func consume(_ bytes: [UInt8]) {
        switch engine {
        case .pcap(var s):
            engine = .opaque(0)  // drop the enum's reference so `s` mutates its buffer in place
            s.consume(bytes)
            engine = .pcap(s)
        case .gnss(var s):
            engine = .opaque(0)  // drop the enum's reference so `s` mutates its buffer in place
            s.consume(bytes)
            engine = .gnss(s)
        case .jpeg(var s):
            engine = .opaque(0)  // drop the enum's reference so `s` mutates its buffer in place
            s.consume(bytes)
            engine = .jpeg(s)
        case .opaque(let n):
            engine = .opaque(n + Int64(bytes.count))
        }
    }

    /// The result once every byte has been pushed. Opaque kinds report the whole file as valid.
    public func finish() -> RawScanResult {
        switch engine {
        case .pcap(let s): s.finish()
        case .gnss(let s): s.finish()
        case .jpeg(let s): s.finish()
        case .opaque(let n): RawScanResult(totalLength: n, validPrefixLength: n)
        }
    }

    /// Scans a whole file held in memory.
    public static func scan(_ bytes: [UInt8], kind: RawFileKind) -> RawScanResult {
        var s = RawRecordScanner(kind: kind)
        s.consume(bytes)
        return s.finish()
    }
}
