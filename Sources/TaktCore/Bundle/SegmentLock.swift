/// Contents of a segment's `.lock`: what recovery needs to close the segment if the writer dies (the session, the
/// index, the planned start and the leap seconds in force). Its presence marks the segment open.
public struct SegmentLock: Codable, Sendable, Hashable {
    public static let fileName = ".lock"

    public var sessionId: String
    public var segmentIndex: Int
    public var start: BundleInstant
    public var leapSeconds: Int
    public var writer: String
    /// Host process id of the writer, for operators looking at a stale lock.
    public var pid: Int32

    public init(
        sessionId: String, segmentIndex: Int, start: BundleInstant, leapSeconds: Int, writer: String, pid: Int32
    ) {
        self.sessionId = sessionId
        self.segmentIndex = segmentIndex
        self.start = start
        self.leapSeconds = leapSeconds
        self.writer = writer
        self.pid = pid
    }
}
