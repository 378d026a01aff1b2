import Foundation
import Synchronization
public import TaktCore

/// A gpsd client through libgps 3.22: reads TPV, SKY, PPS, TOFF, ATT and DEVICE reports on a dedicated thread and
/// delivers them as an `AsyncStream`, reconnecting with back-off when gpsd restarts or closes the connection.
///
/// `gps_waiting`/`gps_read` block, so they run on one `Thread` per client, never on the Swift cooperative pool. Each
/// report is stamped with `CLOCK_MONOTONIC` right after `gps_read` returns. The stream buffers at most
/// `bufferLimit` events and drops the oldest beyond that, counting them in `droppedEvents`.
///
/// ```swift
/// let client = GPSDClient(endpoint: GPSDEndpoint(host: "localhost", port: "2947"))
/// client.start()
/// for await event in client.events {
///     switch event {
///     case .report(let report, let receivedAt): ingest(report, receivedAt)
///     case .disconnected(let error, let at): recordGap(since: at, because: error)
///     case .connected(_, let at): recordGapEnd(at)
///     }
/// }
/// // elsewhere: client.shutdown() ends the stream after gps_close.
/// ```
public final class GPSDClient: Sendable {
    public let endpoint: GPSDEndpoint
    /// The event stream. Single consumer; it finishes after `shutdown()` once the reader thread has closed libgps.
    public let events: AsyncStream<GPSDEvent>
    private let continuation: AsyncStream<GPSDEvent>.Continuation
    private let control: ReaderControl
    private let backoff: ReconnectBackoff

    /// - Parameters:
    ///   - backoff: delays between reconnection attempts.
    ///   - bufferLimit: events held for a slow consumer before the oldest are dropped (and counted).
    ///   - pollInterval: how long one `gps_waiting` may block; bounds how quickly `shutdown()` takes effect.
    public init(
        endpoint: GPSDEndpoint, backoff: ReconnectBackoff = ReconnectBackoff(), bufferLimit: Int = 1024,
        pollInterval: Duration = .milliseconds(200)
    ) {
        self.endpoint = endpoint
        self.backoff = backoff
        (events, continuation) = AsyncStream.makeStream(
            of: GPSDEvent.self, bufferingPolicy: .bufferingNewest(bufferLimit))
        control = ReaderControl(pollMicroseconds: Int32(clamping: pollInterval.nanoseconds / 1000))
        let control = self.control
        continuation.onTermination = { _ in control.stop.store(true, ordering: .relaxed) }
    }

    /// Events dropped because the consumer fell more than `bufferLimit` behind.
    public var droppedEvents: Int { control.dropped.load(ordering: .relaxed) }

    /// Starts the reader thread (once; later calls do nothing).
    public func start() {
        guard control.started.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else {
            return
        }
        let reader = GPSDReaderLoop(
            endpoint: endpoint, backoff: backoff, control: control, continuation: continuation)
        let thread = Thread { reader.run() }
        thread.name = "takt.gpsd.\(endpoint)"
        thread.start()
    }

    /// Asks the reader to stop: it closes the libgps session (`gps_close`) and finishes `events`.
    public func shutdown() {
        control.stop.store(true, ordering: .relaxed)
        if !control.started.load(ordering: .relaxed) { continuation.finish() }
    }

    deinit {
        shutdown()
    }
}

/// Flags shared between the client and its reader thread; all atomics, hence `Sendable`.
final class ReaderControl: Sendable {
    let stop = Atomic<Bool>(false)
    let started = Atomic<Bool>(false)
    let dropped = Atomic<Int>(0)
    let pollMicroseconds: Int32

    init(pollMicroseconds: Int32) { self.pollMicroseconds = max(1000, pollMicroseconds) }
}
