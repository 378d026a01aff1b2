/// Something the reconciler refused to guess about. Each is reported once, with what an operator needs to
/// find it in the raw `.ubx` and the image folder.
public enum ExposureAnomaly: Sendable, Equatable, Hashable {
    /// The same mark (counter and time) arrived again; ignored.
    case duplicateMark(count: UInt16)
    /// A mark reused a counter value with a different time; ignored, the earlier assignment stands.
    case conflictingMark(count: UInt16, time: GPSTime?)
    /// A mark no pending trigger's window explains: an extra edge (bounce, stray pulse); not assigned.
    case unexpectedMark(count: UInt16, time: GPSTime)
    /// A mark fits more than one trigger's window and the counter cannot decide; not assigned.
    case ambiguousMark(count: UInt16, time: GPSTime, candidates: [UInt32])
    /// A mark without a valid time (receiver not yet fixed); its edge is counted, its time not used.
    case invalidMarkTime(count: UInt16)
    /// Counter and timing disagree: `extraEdges` > 0 means edges with no trigger, < 0 means triggers with no edge.
    case counterSlip(count: UInt16, seq: UInt32, extraEdges: Int)
    /// The edge of trigger `seq` was counted but its time never reported (two edges in one navigation epoch).
    case markLost(seq: UInt32)
    /// The counter shows trigger `seq` produced no edge: the camera may not have exposed.
    case noEdge(seq: UInt32)
    /// No mark for trigger `seq` and nothing to tell why.
    case markMissing(seq: UInt32)
    /// The camera delivered an image for a seq that was never commanded or is already finalised.
    case imageWithoutTrigger(seq: UInt32, file: String)
    /// A second image for the same seq; the first is kept.
    case duplicateImage(seq: UInt32, file: String)
    /// The camera delivered no image for trigger `seq`.
    case imageMissing(seq: UInt32)
    /// A command for a seq already known; ignored.
    case duplicateCommand(seq: UInt32)
}
