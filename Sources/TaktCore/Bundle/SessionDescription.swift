/// `session.json`: one drive. Written at session start, never rewritten, so it is safe to hash immediately.
public struct SessionDescription: Codable, Sendable, Hashable {
    public static let fileName = "session.json"
    public static let currentFormat = "takt-session/1"

    public var format: String
    /// Same as the directory name: `<UTC start>_<vehicleId>`.
    public var sessionId: String
    public var vehicleId: String
    public var writer: String
    /// Always "GPS": every stamp in the bundle is on GPS time unless a field says otherwise.
    public var timeBase: String
    public var leapSeconds: Int
    public var start: BundleInstant
    public var rigFile: String
    public var rigSHA256: String
    public var operatorName: String?
    /// Nominal segment length and size bound.
    public var segmentSeconds: Int
    public var segmentMaxBytes: Int64?

    public init(
        sessionId: String, vehicleId: String, writer: String, leapSeconds: Int, start: BundleInstant,
        rigFile: String, rigSHA256: String, operatorName: String? = nil, segmentSeconds: Int,
        segmentMaxBytes: Int64? = nil
    ) {
        self.format = Self.currentFormat
        self.sessionId = sessionId
        self.vehicleId = vehicleId
        self.writer = writer
        self.timeBase = "GPS"
        self.leapSeconds = leapSeconds
        self.start = start
        self.rigFile = rigFile
        self.rigSHA256 = rigSHA256
        self.operatorName = operatorName
        self.segmentSeconds = segmentSeconds
        self.segmentMaxBytes = segmentMaxBytes
    }
}
