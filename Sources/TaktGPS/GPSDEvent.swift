public import TaktCore

/// What `GPSDClient` delivers: reports stamped with the host monotonic instant of their arrival, plus the link
/// state changes the daemon records as gaps.
public enum GPSDEvent: Sendable {
    /// A session to gpsd is open and watching (first connect or after a reconnect).
    case connected(GPSDEndpoint, at: MonotonicInstant)
    /// One gpsd report; `receivedAt` is `CLOCK_MONOTONIC` read right after `gps_read` returned it.
    case report(GPSDReport, receivedAt: MonotonicInstant)
    /// The session failed or could not be opened; the client retries with back-off. Emitted once per outage.
    case disconnected(GPSDError, at: MonotonicInstant)
}
