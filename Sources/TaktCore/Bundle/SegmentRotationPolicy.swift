/// When to cut the next segment: at GNSS-second boundaries every `seconds` (aligned to multiples of the length
/// since the GPS epoch, so segments of every vehicle line up), or earlier when the size bound is reached.
///
/// Pure: the daemon asks it with the GPS time of each record and the open segment's byte count, then opens the
/// next segment (before closing the current one) when it answers with a boundary.
public struct SegmentRotationPolicy: Sendable, Hashable, Codable {
    public var seconds: Int64
    public var maxBytes: Int64?

    public init(seconds: Int64 = 60, maxBytes: Int64? = nil) {
        precondition(seconds > 0, "segment length must be positive")
        self.seconds = seconds
        self.maxBytes = maxBytes
    }

    /// The boundary at or before `t`: the start of the segment `t` belongs to.
    public func segmentStart(containing t: GPSTime) -> GPSTime {
        let len = seconds * GPSTime.nanosecondsPerSecond
        return GPSTime(nanosecondsSinceEpoch: t.nanosecondsSinceEpoch.floorDiv(len) * len)
    }

    /// The first boundary strictly after `t`.
    public func nextBoundary(after t: GPSTime) -> GPSTime {
        segmentStart(containing: t) + .seconds(seconds)
    }

    /// The start of the next segment if the record at `t` must go into a new segment, else nil. A size-bound cut
    /// happens at the next whole GNSS second after `t`, so segment starts stay on second boundaries.
    public func rotation(at t: GPSTime, currentStart: GPSTime, currentBytes: Int64) -> GPSTime? {
        let boundary = nextBoundary(after: currentStart)
        if t >= boundary { return segmentStart(containing: t) }
        if let max = maxBytes, currentBytes >= max {
            let nextSecond = GPSTime(nanosecondsSinceEpoch: (t.wholeSeconds + 1) * GPSTime.nanosecondsPerSecond)
            return nextSecond < boundary ? nextSecond : boundary
        }
        return nil
    }
}
