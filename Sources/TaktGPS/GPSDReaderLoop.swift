import Glibc
import Synchronization
import TaktCore

/// The body of `GPSDClient`'s reader thread: connect, watch, read until failure, back off, repeat, until stopped.
///
/// It owns the `GPSDSession` (and so the `gps_data_t`) exclusively; only `Sendable` values cross to the stream.
struct GPSDReaderLoop: Sendable {
    let endpoint: GPSDEndpoint
    var backoff: ReconnectBackoff
    let control: ReaderControl
    let continuation: AsyncStream<GPSDEvent>.Continuation

    func run() {
        var backoff = self.backoff
        var inOutage = false
        while !stopped {
            do throws(GPSDError) {
                let session = try GPSDSession(endpoint: endpoint)
                try session.watch()
                backoff.reset()
                inOutage = false
                emit(.connected(endpoint, at: .now()))
                try readUntilStopped(session)
            } catch {
                if !inOutage {
                    emit(.disconnected(error, at: .now()))
                    inOutage = true
                }
                pause(backoff.nextDelay())
            }
        }
        continuation.finish()
    }

    /// Reads reports until `stop` is set; throws when libgps reports the connection lost.
    private func readUntilStopped(_ session: GPSDSession) throws(GPSDError) {
        while !stopped {
            guard session.waiting(timeoutMicroseconds: control.pollMicroseconds) else { continue }
            guard let (set, line) = try session.read() else { continue }
            let receivedAt = MonotonicInstant.now()
            for report in GPSDReportDecoder.reports(set: set, data: session.current, line: line) {
                emit(.report(report, receivedAt: receivedAt))
            }
        }
    }

    private var stopped: Bool { control.stop.load(ordering: .relaxed) }

    private func emit(_ event: GPSDEvent) {
        if case .dropped = continuation.yield(event) { control.dropped.add(1, ordering: .relaxed) }
    }

    /// Sleeps for `delay` in short slices so `shutdown()` is honoured promptly.
    private func pause(_ delay: Duration) {
        var remaining = delay.nanoseconds
        while remaining > 0, !stopped {
            let slice = min(remaining, 20_000_000)
            usleep(useconds_t(slice / 1000))
            remaining -= slice
        }
    }
}
