import Dispatch
import Glibc
import Synchronization

/// Runs one segment's per-second `fdatasync`s (and the directory fsyncs that must follow them) on a thread of
/// their own, so the recorder goes on appending the next second while the disk makes the last one durable.
///
/// The segment writer starts a batch with the descriptors of files it has just written to the kernel and waits
/// for it at its next sync, before it starts another, before it closes a file and at close: so a batch's
/// descriptors are never closed under it, at most one batch is in flight, and every failure is thrown by the
/// writer at most one sync later (never lost: an `fdatasync` error is reported once by the kernel, so it is
/// kept here until the writer takes it). Measured in docs/benchmarks.md (writer vs dd).
final class BackgroundSync: Sendable {
    /// One file to make durable, with its size when the batch started: what a success covers.
    struct File: Sendable {
        var key: String
        var descriptor: Int32
        var path: String
        var bytes: Int64
    }

    /// What a finished batch made durable and what failed.
    struct Outcome: Sendable {
        var synced: [(key: String, bytes: Int64)] = []
        var errors: [StoreError] = []
        /// Directories whose fsync failed (still dirty).
        var failedDirectories: [String] = []
    }

    private let queue = DispatchQueue(label: "takt.store.fdatasync", qos: .userInitiated)
    private let finished = Mutex<Outcome?>(nil)

    /// Starts syncing `files`, then fsyncs `directories` in the order given (deepest first, so a new file's
    /// name is made durable after its data). The caller must have taken the previous batch's outcome.
    func start(files: [File], directories: [String]) {
        guard !files.isEmpty || !directories.isEmpty else { return }
        queue.async { [self] in
            var outcome = Outcome()
            for f in files {
                do throws(StoreError) {
                    try Posix.fdatasync(f.descriptor, path: f.path)
                    outcome.synced.append((f.key, f.bytes))
                } catch {
                    outcome.errors.append(error)
                }
            }
            for dir in directories {
                do throws(StoreError) { try Posix.fsyncDirectory(dir) } catch {
                    outcome.errors.append(error)
                    outcome.failedDirectories.append(dir)
                }
            }
            self.finished.withLock { $0 = outcome }
        }
    }

    /// Waits for the batch in flight, if any, and returns its outcome (nil when there was none).
    func wait() -> Outcome? {
        queue.sync {}
        return finished.withLock { o in
            defer { o = nil }
            return o
        }
    }
}
