/// The reconciled exposure of one trigger: when it was commanded, when the shutter really opened and how that is
/// known, and which image and mark belong to it.
public struct ExposureRecord: Sendable, Equatable, Codable {
    public var seq: UInt32
    public var commandTime: StampedTime
    public var exposureTime: StampedTime
    public var source: ExposureTimeSource
    public var markStatus: MarkStatus
    /// TIM-TM2 edge counter of the matched mark.
    public var markCount: UInt16?
    /// Path relative to the segment's `data/`; nil when the camera delivered no image.
    public var imageFile: String?

    public init(
        seq: UInt32, commandTime: StampedTime, exposureTime: StampedTime, source: ExposureTimeSource,
        markStatus: MarkStatus, markCount: UInt16?, imageFile: String?
    ) {
        self.seq = seq
        self.commandTime = commandTime
        self.exposureTime = exposureTime
        self.source = source
        self.markStatus = markStatus
        self.markCount = markCount
        self.imageFile = imageFile
    }
}

/// Where an exposure time came from, best first.
public enum ExposureTimeSource: String, Sendable, Equatable, Codable, CaseIterable {
    /// The receiver's time mark of the camera's strobe/loop-back edge: ns resolution, receiver-accurate.
    case eventMark = "event-mark"
    /// The camera's own report of its exposure time.
    case deviceReported = "device-reported"
    /// Command time plus the calibrated shutter latency: ms-class at best.
    case commandLatency = "command-latency"
}

/// How the mark side of a trigger ended.
public enum MarkStatus: String, Sendable, Equatable, Codable {
    case matched
    /// The edge counter shows the edge happened but the receiver reported no time for it.
    case lost
    /// The edge counter shows no edge for this trigger: the camera probably did not expose.
    case noEdge = "no-edge"
    /// No mark, and the counter cannot tell why (e.g. the end of the stream).
    case missing
    /// The rig has no event input: marks are not expected.
    case notExpected = "not-expected"
}
