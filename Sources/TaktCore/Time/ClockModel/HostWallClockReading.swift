/// The host's wall clock (`CLOCK_REALTIME`) read next to the monotonic clock, for the `host-only` fallback.
public struct HostWallClockReading: Hashable, Sendable, Codable {
    public var at: MonotonicInstant
    /// UTC as Unix-epoch nanoseconds.
    public var unixUTCNanoseconds: Int64
    /// How far the wall clock may be from UTC (1 s if nothing disciplines it), ns.
    public var sigmaNanoseconds: Double

    public init(at: MonotonicInstant, unixUTCNanoseconds: Int64, sigmaNanoseconds: Double = 1_000_000_000) {
        self.at = at
        self.unixUTCNanoseconds = unixUTCNanoseconds
        self.sigmaNanoseconds = sigmaNanoseconds
    }
}
