/// Exponential back-off between reconnection attempts to a peer that went away (gpsd restarted, receiver unplugged).
///
/// A pure value: the adapter asks for the next delay after each failed attempt and resets after a success, so the
/// policy is testable without clocks and shared by every adapter.
public struct ReconnectBackoff: Hashable, Sendable, Codable {
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// Growth factor per consecutive failure.
    public var multiplier: Int
    /// Consecutive failures since the last success.
    public private(set) var failures: Int = 0

    public init(
        initialDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(5), multiplier: Int = 2
    ) {
        precondition(initialDelay > .zero && maximumDelay >= initialDelay && multiplier >= 1, "invalid back-off")
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
    }

    /// Records one more failure and returns how long to wait before the next attempt.
    public mutating func nextDelay() -> Duration {
        var delay = initialDelay
        for _ in 0..<failures {
            delay = delay * multiplier
            if delay >= maximumDelay { break }
        }
        failures += 1
        return min(delay, maximumDelay)
    }

    /// Call after a successful (re)connection.
    public mutating func reset() { failures = 0 }
}
