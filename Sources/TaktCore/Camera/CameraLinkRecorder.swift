/// Records the camera link's outages as gaps: from the moment a transfer failed because the device vanished to the
/// moment a new session was open again. A state machine over timestamped events; the driver feeds it, status and
/// the bundle read the gaps.
public struct CameraLinkRecorder: Hashable, Sendable {
    public struct Gap: Hashable, Sendable, Codable {
        public var lostAt: MonotonicInstant
        public var recoveredAt: MonotonicInstant
        public var reason: String
        public var duration: Duration { recoveredAt - lostAt }
    }

    public enum Event: Hashable, Sendable {
        case sessionOpened(MonotonicInstant)
        case lost(MonotonicInstant, reason: String)
    }

    private enum State: Hashable, Sendable {
        case neverConnected
        case up
        case down(since: MonotonicInstant, reason: String)
    }

    private var state = State.neverConnected
    public private(set) var gaps: [Gap] = []

    public init() {}

    public var isUp: Bool { state == .up }

    /// Returns the gap this event closed, if any. Repeated losses while down keep the first instant and reason.
    @discardableResult
    public mutating func handle(_ event: Event) -> Gap? {
        switch (event, state) {
        case (.sessionOpened(let at), .down(let since, let reason)):
            state = .up
            let gap = Gap(lostAt: since, recoveredAt: at, reason: reason)
            gaps.append(gap)
            return gap
        case (.sessionOpened, _):
            state = .up
        case (.lost(let at, let reason), .up):
            state = .down(since: at, reason: reason)
        case (.lost, _):
            break  // not connected yet, or already down: the first loss defines the gap
        }
        return nil
    }
}
