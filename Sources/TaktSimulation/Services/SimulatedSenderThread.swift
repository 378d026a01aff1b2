import Foundation
import ServiceLifecycle
import Synchronization
import TaktCore
import TaktDaemon

/// The life of a simulated sensor's sending thread, shared by the simulated LiDARs: the blocking send loop runs
/// on a thread of its own (it sleeps to host deadlines, never on the async pool), the service waits until it is
/// cancelled, shut down gracefully or the loop fails, then stops the loop, waits for the thread and rethrows the
/// loop's failure.
enum SimulatedSenderThread {
    /// Runs `loop(stop)` on a thread named `name`; `loop` returns when `stop` is set (or on its own).
    static func run(
        name: String, _ loop: @escaping @Sendable (borrowing Atomic<Bool>) throws -> Void
    ) async throws {
        let stop = Atomic<Bool>(false)
        let failure = Mutex<LiDARReplayError?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            do {
                try loop(stop)
            } catch {
                let failed = error as? LiDARReplayError ?? .capture("\(error)")
                failure.withLock { $0 = failed }
            }
        }
        thread.name = name
        thread.start()
        await withTaskCancellationHandler {
            await cancelWhenGracefulShutdown {
                while !Task.isCancelled, !Task.isShuttingDownGracefully, failure.withLock({ $0 }) == nil {
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
        } onCancel: {
            stop.store(true, ordering: .relaxed)
        }
        stop.store(true, ordering: .relaxed)
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                done.wait()
                continuation.resume()
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
