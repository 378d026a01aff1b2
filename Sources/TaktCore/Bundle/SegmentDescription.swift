/// `segment.json`, the tag file that describes one closed segment for people and tools: per-file statistics,
/// losses, close reason, writer version and session id. Schema in docs/bundle-format.md.
public struct SegmentDescription: Codable, Sendable, Hashable {
    public static let fileName = "segment.json"
    public static let currentFormat = "takt-segment/1"

    public var format: String
    public var sessionId: String
    public var segmentIndex: Int
    public var writer: String
    public var closeReason: SegmentCloseReason
    public var start: BundleInstant?
    public var end: BundleInstant?
    public var files: [FileStats]
    public var losses: [SegmentLoss]
    /// Files moved to `data/partial/` by recovery (incomplete images), as payload paths.
    public var partialFiles: [String]
    /// Free-form notes (recovery steps taken, MCAP repair outcome).
    public var notes: [String]

    public init(
        format: String = SegmentDescription.currentFormat, sessionId: String, segmentIndex: Int, writer: String,
        closeReason: SegmentCloseReason, start: BundleInstant?, end: BundleInstant?, files: [FileStats],
        losses: [SegmentLoss], partialFiles: [String] = [], notes: [String] = []
    ) {
        self.format = format
        self.sessionId = sessionId
        self.segmentIndex = segmentIndex
        self.writer = writer
        self.closeReason = closeReason
        self.start = start
        self.end = end
        self.files = files
        self.losses = losses
        self.partialFiles = partialFiles
        self.notes = notes
    }

    /// Per-file statistics. Times are whatever the writer was told (GPS time for sensor streams).
    public struct FileStats: Codable, Sendable, Hashable {
        public var path: String
        public var kind: RawFileKind
        public var mediaType: String
        public var bytes: Int64
        public var records: Int
        public var firstTime: BundleInstant?
        public var lastTime: BundleInstant?

        public init(
            path: String, kind: RawFileKind, bytes: Int64, records: Int, firstTime: BundleInstant?,
            lastTime: BundleInstant?
        ) {
            self.path = path
            self.kind = kind
            self.mediaType = kind.mediaType
            self.bytes = bytes
            self.records = records
            self.firstTime = firstTime
            self.lastTime = lastTime
        }
    }
}

/// An instant as the bundle files show it: GPS nanoseconds (exact, the time base) and the UTC text (for people).
public struct BundleInstant: Codable, Sendable, Hashable, Comparable {
    public var gpsNanoseconds: Int64
    public var utc: String

    public init(_ time: GPSTime, leapSeconds: Int) {
        gpsNanoseconds = time.nanosecondsSinceEpoch
        utc = UTCText.iso8601(unixNanoseconds: time.unixUTCNanoseconds(leapSeconds: leapSeconds))
    }

    public var gpsTime: GPSTime { GPSTime(nanosecondsSinceEpoch: gpsNanoseconds) }

    public static func < (a: BundleInstant, b: BundleInstant) -> Bool { a.gpsNanoseconds < b.gpsNanoseconds }
}
