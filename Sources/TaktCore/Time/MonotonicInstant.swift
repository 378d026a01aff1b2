/// A reading of the host's monotonic clock (`CLOCK_MONOTONIC`, or `CLOCK_MONOTONIC_RAW` where stated), in nanoseconds.
///
/// Durations on the host are measured with it; it never becomes data on its own. Core code receives these inside
/// events and never reads a clock itself.
public struct MonotonicInstant: Hashable, Comparable, Sendable, Codable {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
    public static func - (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }
    public static func + (lhs: MonotonicInstant, rhs: Duration) -> MonotonicInstant {
        MonotonicInstant(nanoseconds: lhs.nanoseconds + rhs.nanoseconds)
    }
}
