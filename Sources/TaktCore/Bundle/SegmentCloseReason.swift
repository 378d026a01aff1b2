/// Why a segment was closed; written to `bag-info.txt` (`Takt-Close-Reason`) and `segment.json`.
public enum SegmentCloseReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// The GNSS-second boundary (or size bound) was reached and the next segment took over.
    case rotated
    /// Recording was stopped by the operator or the daemon shut down cleanly.
    case stopped
    /// The disk guard stopped recording before the filesystem filled.
    case diskLow = "disk_low"
    /// `takt recover` closed a segment left open by a crash or power cut; see the recorded losses.
    case recovered
}
