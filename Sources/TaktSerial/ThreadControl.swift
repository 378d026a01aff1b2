import Glibc
import Synchronization
import TaktCore

/// Flags shared between a public adapter object and its dedicated thread; all atomics, hence `Sendable`.
final class ThreadControl: Sendable {
    let stop = Atomic<Bool>(false)
    let started = Atomic<Bool>(false)
    let dropped = Atomic<Int>(0)

    var stopped: Bool { stop.load(ordering: .relaxed) }

    /// Claims the right to start the thread; true exactly once.
    func claimStart() -> Bool {
        started.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
    }

    /// Sleeps for `delay` in short slices so a stop request is honoured promptly.
    func pause(_ delay: Duration) {
        var remaining = delay.nanoseconds
        while remaining > 0, !stopped {
            let slice = min(remaining, 20_000_000)
            usleep(useconds_t(slice / 1000))
            remaining -= slice
        }
    }

    /// Yields into a bounded stream, counting what the buffering policy drops.
    func yield<T: Sendable>(_ value: T, to continuation: AsyncStream<T>.Continuation) {
        if case .dropped = continuation.yield(value) { dropped.add(1, ordering: .relaxed) }
    }
}
