/// Checks the trigger box's free-running microsecond counter against the host's monotonic clock: the counter of
/// each ack and heartbeat, against the instant its line was read. A rate more than ±200 ppm off the host's (a
/// crystal this far off, a counter that skips, a link that buffers lines) means the box's ticks cannot be trusted
/// for timing, which hw/wiring/trigger-box.md makes a warning.
///
/// Read instants carry the serial link's latency jitter, so the rate is only judged over at least
/// `minimumBaseline`, and the tolerance is widened by `readJitterNanoseconds` over the baseline (5 ms over 30 s is
/// 167 ppm more; over 10 minutes, 8 ppm). A counter that goes backwards (the box restarted) starts a new baseline.
/// Pure: instants come in with the lines.
public struct TriggerBoxClockCheck: Sendable {
    public enum Verdict: Sendable, Hashable {
        /// Not enough baseline yet.
        case unknown
        /// Rate offset in ppm (box counter vs host), within tolerance.
        case within(ppm: Double)
        /// Rate offset beyond ±`tolerancePPM` (plus the read-jitter allowance).
        case outside(ppm: Double, allowedPPM: Double)
    }

    public static let tolerancePPM = 200.0
    public var minimumBaseline: Duration = .seconds(30)
    public var readJitterNanoseconds = 5_000_000.0
    private var anchor: (tick: UInt64, host: MonotonicInstant)?
    private var lastTick: UInt64?

    public init() {}

    /// Forgets the baseline (the link was reopened; the box may have restarted).
    public mutating func reset() {
        anchor = nil
        lastTick = nil
    }

    /// One counter reading `tick` (µs) from a line read at `host`.
    public mutating func add(tick: UInt64, at host: MonotonicInstant) -> Verdict {
        if let last = lastTick, tick < last { anchor = nil }
        lastTick = tick
        guard let a = anchor else {
            anchor = (tick, host)
            return .unknown
        }
        let hostSpan = Double((host - a.host).nanoseconds)
        guard hostSpan >= Double(minimumBaseline.nanoseconds), hostSpan > 0 else { return .unknown }
        let tickSpan = Double(tick - a.tick) * 1000
        let ppm = (tickSpan - hostSpan) / hostSpan * 1e6
        let allowed = Self.tolerancePPM + readJitterNanoseconds / hostSpan * 1e6
        return abs(ppm) <= allowed ? .within(ppm: ppm) : .outside(ppm: ppm, allowedPPM: allowed)
    }
}
