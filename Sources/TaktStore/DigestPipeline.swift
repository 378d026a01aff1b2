import Crypto
import Dispatch

/// The SHA-256 of one `DurableFile`, computed off the appending thread: each buffer the kernel has accepted is
/// handed over whole and hashed on a serial queue in submission order, so the digest covers exactly the written
/// bytes, in file order, while the writer already fills its next buffer. `finish()` waits for every handed-over
/// buffer and returns the digest.
///
/// All files share one serial queue: hashing is a small share of the writer's work (one core hashes far faster
/// than a disk writes), and one queue keeps a recorder with many files from taking every core.
///
/// `@unchecked Sendable` is safe because `hasher` is only touched on `queue` (by the jobs `submit` enqueues and by
/// `finish`'s `queue.sync`), never from the owner's thread directly.
final class DigestPipeline: @unchecked Sendable {
    private static let queue = DispatchQueue(label: "takt.store.sha256", qos: .userInitiated)
    private var hasher = SHA256()

    /// Hands `block` (already written to the kernel) to the hasher; the block is in flight until hashed.
    func submit(_ block: WriteBlock) {
        block.inFlight = true
        Self.queue.async {
            block.bytes.withUnsafeBytes { self.hasher.update(bufferPointer: $0) }
            block.markHashed()
        }
    }

    /// Waits for every submitted block and returns the lower-case hex SHA-256 of all of them, in order.
    func finish() -> String {
        Self.queue.sync { hasher.finalize().hexString }
    }
}
