/// What `MCAPRecovery.recover` found and how to repair the file: keep the first `validPrefixLength` bytes, append
/// `tail`. The repaired file is a complete MCAP (Data End with CRC, rebuilt summary, footer, magic).
public struct MCAPRecoveryResult: Sendable, Equatable {
    /// Bytes of the original file kept as they are (truncate the file to this length).
    public var validPrefixLength: Int
    /// Bytes to append after the prefix: good records found after a dropped one, then Data End, summary, footer.
    public var tail: [UInt8]
    /// Messages in the repaired file.
    public var messagesKept: Int
    /// Messages that could still be parsed inside dropped (CRC-failing) chunks; torn tails are not counted.
    public var messagesDropped: Int
    public var chunksKept: Int
    /// Chunks dropped because their CRC or contents were bad.
    public var chunksDropped: Int
    /// Data-section bytes of the original not carried into the repaired file (dropped records, torn record,
    /// trailing garbage). A replaced old summary/footer is not counted: nothing is lost with it.
    public var bytesDiscarded: Int
    /// True when the original already had a complete, clean data section (Data End present, nothing dropped).
    public var dataSectionWasComplete: Bool

    /// The repaired file: the kept prefix of `original` followed by the tail.
    public func repaired(_ original: [UInt8]) -> [UInt8] {
        var out = Array(original.prefix(validPrefixLength))
        out.append(contentsOf: tail)
        return out
    }

    /// No data lost (the `mcap recover` "fully recovered" case).
    public var isLossless: Bool { bytesDiscarded == 0 && chunksDropped == 0 }
}
