/// Data that did not make it into a segment: bytes trimmed by recovery, pending bytes dropped on a write error,
/// or drops the capture path counted. Recorded in `segment.json` and as `Takt-Loss` lines in `bag-info.txt`.
public struct SegmentLoss: Codable, Sendable, Hashable, CustomStringConvertible {
    /// Payload path relative to the bag root (`data/lidar/lidar-os0.pcap`), or a stream name for capture drops.
    public var path: String
    public var bytes: Int64
    /// Whole or partial records lost (a torn trailing record counts as one).
    public var records: Int
    public var reason: String

    public init(path: String, bytes: Int64, records: Int, reason: String) {
        self.path = path
        self.bytes = bytes
        self.records = records
        self.reason = reason
    }

    /// The `Takt-Loss` value: `<path> bytes=<n> records=<n> reason=<text>`.
    public var description: String { "\(path) bytes=\(bytes) records=\(records) reason=\(reason)" }
}
