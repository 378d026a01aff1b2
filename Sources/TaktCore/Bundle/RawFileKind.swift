/// The kinds of payload file a segment holds, by file-name extension. Each raw kind has a record structure that
/// recovery trims to and verify checks.
public enum RawFileKind: String, Codable, Sendable, Hashable, CaseIterable {
    case pcap, ubx, nmea, jpeg, mcap, json, other

    public init(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else {
            self = .other
            return
        }
        switch name[name.index(after: dot)...].lowercased() {
        case "pcap": self = .pcap
        case "ubx": self = .ubx
        case "nmea": self = .nmea
        case "jpg", "jpeg": self = .jpeg
        case "mcap": self = .mcap
        case "json": self = .json
        default: self = .other
        }
    }

    /// True for kinds with records that `RawRecordScanner` walks.
    public var hasRecords: Bool { self == .pcap || self == .ubx || self == .nmea || self == .jpeg }

    /// IANA-style media type recorded in `segment.json`.
    public var mediaType: String {
        switch self {
        case .pcap: "application/vnd.tcpdump.pcap"
        case .ubx: "application/x-ubx"
        case .nmea: "text/x-nmea"
        case .jpeg: "image/jpeg"
        case .mcap: "application/x-mcap"
        case .json: "application/json"
        case .other: "application/octet-stream"
        }
    }
}
