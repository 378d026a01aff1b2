import Foundation
import Synchronization

/// Owns one dedicated OS thread for blocking work (sockets, C libraries) and lets the owner join it.
///
/// `@unchecked Sendable` is safe: the only mutable state is the started flag and the exit semaphore, both
/// thread-safe; the closure runs exactly once on the new thread.
final class ThreadBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let started = Mutex(false)

    func start(name: String, _ body: @escaping @Sendable () -> Void) {
        started.withLock { $0 = true }
        let t = Thread { [done] in
            body()
            done.signal()
        }
        t.name = name
        t.start()
    }

    func join() {
        guard started.withLock({ $0 }) else { return }
        done.wait()
        done.signal()
    }
}
