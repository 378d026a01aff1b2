public import TaktCore

/// What `SerialReader` delivers: raw receiver bytes stamped on arrival, and the port's open/fail transitions the
/// daemon records as gaps.
public enum SerialEvent: Sendable {
    /// The port is open and configured (first open or after a reopen).
    case opened(path: String, at: MonotonicInstant)
    /// Bytes in arrival order; `receivedAt` is `CLOCK_MONOTONIC` read right after `sp_blocking_read` returned.
    case bytes([UInt8], receivedAt: MonotonicInstant)
    /// The port failed or could not be (re)opened; the reader retries with back-off. Emitted once per outage.
    case failed(SerialPortError, at: MonotonicInstant)
}

/// What `DCDWatcher` delivers.
public enum DCDEvent: Sendable {
    case opened(path: String, at: MonotonicInstant)
    /// One DCD transition: a PPS edge when the receiver's PPS is wired to DCD.
    case edge(DCDEdge)
    case failed(SerialPortError, at: MonotonicInstant)
}

/// A DCD transition seen by `ioctl(TIOCMIWAIT)`, stamped with `CLOCK_MONOTONIC` right after the wait returned.
public struct DCDEdge: Hashable, Sendable, Codable {
    public var instant: MonotonicInstant
    /// DCD level after the transition: rising (assert) is the PPS edge receivers align to the second.
    public var isAssert: Bool
    /// Transitions the driver counted (TIOCGICOUNT) since the previous edge, minus one: edges this watcher missed.
    /// `nil` where the driver does not count.
    public var missedTransitions: Int?

    public init(instant: MonotonicInstant, isAssert: Bool, missedTransitions: Int? = nil) {
        self.instant = instant
        self.isAssert = isAssert
        self.missedTransitions = missedTransitions
    }
}
