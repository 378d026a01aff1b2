/// What a `RawRecordScanner` found in one raw file.
public struct RawScanResult: Equatable, Sendable, Codable {
    /// Bytes scanned.
    public var totalLength: Int64
    /// Length of the longest prefix that ends on a whole valid record; recovery truncates the file to this.
    public var validPrefixLength: Int64
    /// Whole valid records in that prefix (pcap records, UBX frames + NMEA sentences, 1 for a whole JPEG).
    public var records: Int
    /// Of which UBX frames (ubx/nmea streams only).
    public var ubxFrames: Int
    /// Of which NMEA sentences (ubx/nmea streams only).
    public var nmeaSentences: Int
    /// Bytes inside the valid prefix that belong to no record (receiver noise between frames; kept byte-exact).
    public var interiorUnframedBytes: Int64
    /// First and last record timestamps for pcap (Unix ns, UTC).
    public var firstTimestampUnixNanoseconds: Int64?
    public var lastTimestampUnixNanoseconds: Int64?
    /// Structural problems: why the walk stopped before the end (bad magic, impossible record header, a pcap
    /// record whose frame is not Ethernet/IPv4/UDP) or why a JPEG is not whole.
    public var problems: [String]

    public init(
        totalLength: Int64 = 0, validPrefixLength: Int64 = 0, records: Int = 0, ubxFrames: Int = 0,
        nmeaSentences: Int = 0, interiorUnframedBytes: Int64 = 0, firstTimestampUnixNanoseconds: Int64? = nil,
        lastTimestampUnixNanoseconds: Int64? = nil, problems: [String] = []
    ) {
        self.totalLength = totalLength
        self.validPrefixLength = validPrefixLength
        self.records = records
        self.ubxFrames = ubxFrames
        self.nmeaSentences = nmeaSentences
        self.interiorUnframedBytes = interiorUnframedBytes
        self.firstTimestampUnixNanoseconds = firstTimestampUnixNanoseconds
        self.lastTimestampUnixNanoseconds = lastTimestampUnixNanoseconds
        self.problems = problems
    }

    /// Bytes after the last whole record (a torn record or trailing noise).
    public var tailBytes: Int64 { totalLength - validPrefixLength }
    /// The file ends on a whole record and has no structural problems.
    public var isSound: Bool { tailBytes == 0 && problems.isEmpty }
}
