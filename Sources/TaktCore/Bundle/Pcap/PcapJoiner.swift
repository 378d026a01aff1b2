/// Joins classic pcap files into one: the first file's header, then every file's whole records in order. Files
/// must agree on byte order, time resolution and link type, or the joined file would misread; a torn trailing
/// record (a recovered segment) is left out and counted.
///
/// ```swift
/// var joiner = PcapJoiner()
/// for file in files { output.append(contentsOf: try joiner.append(file)) }
/// ```
public struct PcapJoiner: Sendable {
    public private(set) var header: PcapFileHeader?
    public private(set) var records = 0
    public private(set) var skippedTrailingBytes = 0

    public init() {}

    /// The bytes to write for `file`: header (first file only) plus its whole records.
    public mutating func append(_ file: [UInt8], name: String = "") throws(PcapJoinError) -> ArraySlice<UInt8> {
        guard let parsed = PcapFile(file) else { throw .notPcap(name) }
        let start: Int
        if let header {
            guard header.bigEndian == parsed.header.bigEndian,
                header.nanosecondResolution == parsed.header.nanosecondResolution,
                header.linktype == parsed.header.linktype
            else { throw .headerMismatch(name) }
            start = PcapFileHeader.length
        } else {
            header = parsed.header
            start = 0
        }
        records += parsed.records.count
        skippedTrailingBytes += parsed.trailingBytes
        return file[start..<(file.count - parsed.trailingBytes)]
    }
}

public enum PcapJoinError: Error, Sendable, Equatable, CustomStringConvertible {
    case notPcap(String)
    case headerMismatch(String)

    public var description: String {
        switch self {
        case .notPcap(let n): "\(n): not a classic pcap file"
        case .headerMismatch(let n): "\(n): byte order, time resolution or link type differs from the first file"
        }
    }
}
