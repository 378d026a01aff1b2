/// Repairs an MCAP file cut by a crash or damaged in place, the way `takt recover` needs it: the file is truncated
/// to a valid prefix and a tail is appended, so the repair is one `ftruncate` plus one append, never a rewrite.
///
/// What is kept: every record of the data section up to the first torn, unparseable or unexpected record. A chunk
/// is kept only if its CRC verifies and its records parse; a failing chunk (or attachment) is dropped with its
/// message indexes, and the good records after it are carried into the tail, so one bad chunk costs one chunk.
/// Compressed chunks end the scan (Takt writes none and cannot verify them). The tail holds the carried records,
/// Data End with the CRC of the repaired data section, a rebuilt summary (schemas, channels, statistics, chunk,
/// attachment and metadata indexes, summary offsets, summary CRC), the footer and the closing magic.
///
/// ```swift
/// let result = MCAPRecovery.recover(bytes)
/// // on disk: truncate to result.validPrefixLength, then append result.tail (fsync both)
/// ```
public enum MCAPRecovery {
    public static func recover(_ bytes: [UInt8]) -> MCAPRecoveryResult {
        var scan = MCAPRecoveryScan(bytes: bytes)
        scan.run()
        return scan.result()
    }
}
