public import TaktCore

/// What `takt inspect` shows: per-segment and per-stream counts and time spans, close reasons, gaps between
/// segments, and every loss recorded.
public struct InspectReport: Codable, Sendable, Hashable {
    public struct Stream: Codable, Sendable, Hashable {
        /// Payload path; images are grouped per camera as `data/img/<cam>/*.jpg`.
        public var path: String
        public var kind: RawFileKind
        public var files: Int
        public var bytes: Int64
        public var records: Int
        public var firstTime: BundleInstant?
        public var lastTime: BundleInstant?
    }

    public struct Segment: Codable, Sendable, Hashable {
        public var index: Int
        public var path: String
        /// `closed`, or `open` (recording, or crashed and not yet recovered).
        public var state: String
        public var closeReason: SegmentCloseReason?
        public var start: BundleInstant?
        public var end: BundleInstant?
        public var bytes: Int64
        public var streams: [Stream]
        public var losses: [SegmentLoss]
    }

    public struct Gap: Codable, Sendable, Hashable {
        public var afterSegment: Int
        public var beforeSegment: Int
        public var from: BundleInstant
        public var to: BundleInstant
        public var nanoseconds: Int64
    }

    public struct Loss: Codable, Sendable, Hashable {
        public var segment: Int
        public var loss: SegmentLoss
    }

    public var path: String
    public var sessionId: String?
    public var vehicleId: String?
    /// `closed`, `open` for a session; for a single segment, that segment's state.
    public var state: String
    public var start: BundleInstant?
    public var end: BundleInstant?
    public var bytes: Int64
    public var segments: [Segment]
    /// Streams summed over all segments.
    public var streams: [Stream]
    public var gaps: [Gap]
    public var losses: [Loss]
}
