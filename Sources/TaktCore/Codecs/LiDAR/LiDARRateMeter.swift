/// Packets and bytes per second over whole host seconds: the last completed second is the published rate.
public struct LiDARRateMeter: Sendable, Hashable {
    private var second: Int64?
    private var packetsThisSecond: Int64 = 0
    private var bytesThisSecond: Int64 = 0
    public private(set) var packetsPerSecond: Int64 = 0
    public private(set) var bytesPerSecond: Int64 = 0

    public init() {}

    public mutating func record(bytes: Int, at time: MonotonicInstant) {
        advance(to: time)
        packetsThisSecond += 1
        bytesThisSecond += Int64(bytes)
    }

    /// Rolls the window forward; a second with no packets publishes zero.
    public mutating func advance(to time: MonotonicInstant) {
        let now = time.nanoseconds.floorDiv(1_000_000_000)
        guard let current = second else {
            second = now
            return
        }
        guard now > current else { return }
        packetsPerSecond = now == current + 1 ? packetsThisSecond : 0
        bytesPerSecond = now == current + 1 ? bytesThisSecond : 0
        packetsThisSecond = 0
        bytesThisSecond = 0
        second = now
    }
}
