import Dispatch

/// One of a `DurableFile`'s write buffers. It alternates between two owners: the appending thread fills it and
/// writes it to the kernel, then hands it to the `DigestPipeline`, which hashes it on its queue and signals
/// `hashed`; the appending thread waits for that signal before it touches the bytes again.
///
/// `@unchecked Sendable` is safe because the hand-over is the only sharing: the appending thread never reads or
/// writes `bytes` while `inFlight` is set (it first waits on `hashed`, which orders the hasher's reads before the
/// next writes), and the hashing queue only reads `bytes` between the `async` that hands it over (which orders the
/// appender's writes before it) and its `signal()`. `inFlight` itself is read and written only by the appender.
final class WriteBlock: @unchecked Sendable {
    var bytes: [UInt8] = []
    var inFlight = false
    private let hashed = DispatchSemaphore(value: 0)

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Hashing side: the bytes have been read and the block may be reused.
    func markHashed() { hashed.signal() }

    /// Appending side: waits until the hasher has released the block, then empties it (keeping its capacity).
    func reclaim() {
        if inFlight {
            hashed.wait()
            inFlight = false
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
