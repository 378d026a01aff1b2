public import TaktCore

/// What `BundleRecovery` did. Empty `segments` means nothing needed recovery (recovery is idempotent).
public struct RecoveryReport: Codable, Sendable, Hashable {
    public struct Segment: Codable, Sendable, Hashable {
        public var path: String
        public var index: Int
        public var losses: [SegmentLoss]
        public var partialFiles: [String]
        public var notes: [String]
    }

    public var sessionPath: String
    public var segments: [Segment]
    /// Segments that were already closed and left untouched.
    public var segmentsAlreadyClosed: Int
    /// True when `session.lock` was found and the session was closed.
    public var sessionClosed: Bool

    public var lostBytes: Int64 { segments.flatMap(\.losses).reduce(0) { $0 + $1.bytes } }
}
