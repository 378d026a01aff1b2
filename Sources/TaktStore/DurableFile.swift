import Glibc

/// An append-only payload file that knows exactly what reached the disk: bytes are buffered, `sync()` writes the
/// buffer and calls `fdatasync`, and the SHA-256 and byte count cover only bytes the kernel accepted, so the
/// manifest written at close always matches the file.
///
/// A failed write (ENOSPC, EIO) is thrown, never swallowed; the file is truncated back to the last whole flush so
/// no torn record is left behind, and the unwritten bytes stay pending until `sync()` succeeds or
/// `discardPending()` records them as lost. Each `append` is kept whole: callers pass whole records.
///
/// Hot path (a recorder pushes several hundred MB/s through it): records are copied once, into a 1 MiB buffer
/// (`append(reserving:_:)` lets an encoder such as pcap framing write straight into it), the buffer goes to the
/// kernel in one `write`, and only then is it handed to a `DigestPipeline` that hashes it on another thread while
/// the next buffer fills. Two buffers alternate; a buffer is reused only once it has been hashed, and `close()`
/// waits for the last one, so the digest it returns still covers exactly the bytes the kernel accepted.
/// (Starting each buffer's writeback at once with `posix_fadvise(DONTNEED)` was measured and made the appending
/// thread block on the disk queue: slower, so it is not done.)
///
/// ```swift
/// let f = try DurableFile.create(path: ".../data/gnss/f9p.ubx")
/// try f.append(frame)        // buffered
/// try f.sync()               // at least once a second
/// let digest = try f.close() // hex SHA-256 of the file
/// ```
public final class DurableFile {
    public let path: String
    private var fd: Int32
    /// The buffer being filled, and the other one (possibly still being hashed). Allocated on first use, so a
    /// whole file written in one go never pays for a second buffer.
    private var current: WriteBlock?
    private var spare: WriteBlock?
    private var pendingAppends = 0
    private let bufferCapacity: Int
    private let digest = DigestPipeline()
    /// Bytes written to the kernel (and handed to the hasher).
    public private(set) var writtenBytes: Int64 = 0
    /// Bytes covered by the last successful `fdatasync`.
    public private(set) var syncedBytes: Int64 = 0
    private var closedDigest: String?

    /// Creates the file exclusively (`O_CREAT | O_EXCL`): a payload file is never reopened or overwritten.
    public static func create(path: String, bufferCapacity: Int = 1 << 20) throws(StoreError) -> DurableFile {
        let fd = try Posix.open(path, O_WRONLY | O_CREAT | O_EXCL)
        return DurableFile(path: path, fd: fd, bufferCapacity: bufferCapacity)
    }

    /// Opens an existing file for appending; tests use it on `/dev/full` to provoke ENOSPC.
    static func openForTesting(path: String) throws(StoreError) -> DurableFile {
        DurableFile(path: path, fd: try Posix.open(path, O_WRONLY | O_APPEND), bufferCapacity: 1 << 20)
    }

    private init(path: String, fd: Int32, bufferCapacity: Int) {
        self.path = path
        self.fd = fd
        self.bufferCapacity = max(1, bufferCapacity)
    }

    deinit {
        if fd >= 0 { _ = Glibc.close(fd) }
    }

    /// Bytes appended so far, written or still buffered.
    public var byteCount: Int64 { writtenBytes + Int64(pendingBytes) }
    public var pendingBytes: Int { current?.bytes.count ?? 0 }
    public var isClosed: Bool { fd < 0 }

    /// Buffers `bytes` as one unit; writes the buffer to the kernel when it reaches the capacity.
    public func append(_ bytes: [UInt8]) throws(StoreError) {
        try append(reserving: bytes.count) { $0.append(contentsOf: bytes) }
    }

    /// Buffers one unit that `encode` appends straight onto the buffer (about `count` bytes), so a framed record
    /// is built in place rather than in an array of its own. An `encode` that appends nothing is not counted.
    /// Writes the buffer to the kernel when it reaches the capacity.
    public func append(reserving count: Int, _ encode: (inout [UInt8]) -> Void) throws(StoreError) {
        guard fd >= 0 else { throw .misuse(path: path, reason: "append after close") }
        let block = fillable()
        // Room for the capacity plus one record past it, so steady appends never grow the buffer.
        if block.bytes.capacity < block.bytes.count + count {
            block.bytes.reserveCapacity(max(bufferCapacity, block.bytes.count) + count)
        }
        let before = block.bytes.count
        encode(&block.bytes)
        if block.bytes.count > before { pendingAppends += 1 }
        if block.bytes.count >= bufferCapacity { try flush() }
    }

    /// The buffer appends go to, created on first use.
    private func fillable() -> WriteBlock {
        if let c = current { return c }
        // Slack past the capacity for the record that crosses it (up to 64 KiB), so it does not reallocate.
        let c = WriteBlock(capacity: bufferCapacity + min(bufferCapacity, 1 << 16))
        current = c
        return c
    }

    /// Writes the buffer to the kernel (no fdatasync), then hands it to the hasher and switches to the other
    /// buffer. On failure the file is cut back to its previous length and the buffer stays pending.
    public func flush() throws(StoreError) {
        guard fd >= 0 else { throw .misuse(path: path, reason: "flush after close") }
        guard let block = current, !block.bytes.isEmpty else { return }
        do {
            try Posix.writeAll(fd, block.bytes, path: path)
        } catch {
            // Leave the file ending on the last whole flush; the buffer stays pending.
            _ = Glibc.ftruncate(fd, off_t(writtenBytes))
            _ = Glibc.lseek(fd, off_t(writtenBytes), SEEK_SET)
            throw error
        }
        writtenBytes += Int64(block.bytes.count)
        pendingAppends = 0
        digest.submit(block)
        // The other buffer becomes current once its hash is done; until a second one is needed, none exists.
        current = spare
        spare = block
        current?.reclaim()
    }

    /// Writes the buffer and makes it durable with `fdatasync` (which also persists the new file size). Skips the
    /// `fdatasync` when every written byte is already known durable (a background sync covered it).
    public func sync() throws(StoreError) {
        try flush()
        guard syncedBytes < writtenBytes else { return }
        try Posix.fdatasync(fd, path: path)
        syncedBytes = writtenBytes
    }

    /// The descriptor a `BackgroundSync` batch syncs; valid until `close()`.
    var descriptor: Int32 { fd }

    /// A background `fdatasync` that started when `bytes` had been written has succeeded.
    func markSynced(upTo bytes: Int64) {
        syncedBytes = max(syncedBytes, min(bytes, writtenBytes))
    }

    /// Drops bytes that could not be written, returning how many bytes and appends (records) were lost.
    @discardableResult
    public func discardPending() -> (bytes: Int64, appends: Int) {
        let lost = (Int64(pendingBytes), pendingAppends)
        current?.bytes.removeAll(keepingCapacity: true)
        pendingAppends = 0
        return lost
    }

    /// Syncs and closes; returns the lower-case hex SHA-256 of the whole file (waiting for the hasher to reach
    /// the end). Idempotent.
    @discardableResult
    public func close() throws(StoreError) -> String {
        if let d = closedDigest { return d }
        try sync()
        let hex = digest.finish()
        let closing = fd
        fd = -1
        closedDigest = hex
        current = nil
        spare = nil
        try Posix.close(closing, path: path)
        return hex
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, as manifests write digests.
    var hexString: String {
        let digits: [Character] = Array("0123456789abcdef")
        var s = ""
        for b in self {
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 0x0F)])
        }
        return s
    }
}
