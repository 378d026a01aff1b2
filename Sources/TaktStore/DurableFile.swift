import Crypto
import Glibc

/// An append-only payload file that knows exactly what reached the disk: bytes are buffered, `sync()` writes the
/// buffer and calls `fdatasync`, and the SHA-256 and byte count cover only bytes the kernel accepted, so the
/// manifest written at close always matches the file.
///
/// A failed write (ENOSPC, EIO) is thrown, never swallowed; the file is truncated back to the last whole flush so
/// no torn record is left behind, and the unwritten bytes stay pending until `sync()` succeeds or
/// `discardPending()` records them as lost. Each `append` is kept whole: callers pass whole records.
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
    private var buffer: [UInt8] = []
    private var pendingAppends = 0
    private let bufferCapacity: Int
    private var hasher = SHA256()
    /// Bytes written to the kernel (and hashed).
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
        self.bufferCapacity = bufferCapacity
    }

    deinit {
        if fd >= 0 { _ = Glibc.close(fd) }
    }

    /// Bytes appended so far, written or still buffered.
    public var byteCount: Int64 { writtenBytes + Int64(buffer.count) }
    public var pendingBytes: Int { buffer.count }
    public var isClosed: Bool { fd < 0 }

    /// Buffers `bytes` as one unit; writes the buffer to the kernel when it exceeds the capacity.
    public func append(_ bytes: [UInt8]) throws(StoreError) {
        guard fd >= 0 else { throw .misuse(path: path, reason: "append after close") }
        buffer += bytes
        pendingAppends += 1
        if buffer.count >= bufferCapacity { try flush() }
    }

    /// Writes the buffer to the kernel (no fdatasync). On failure the file is cut back to its previous length.
    public func flush() throws(StoreError) {
        guard fd >= 0 else { throw .misuse(path: path, reason: "flush after close") }
        guard !buffer.isEmpty else { return }
        do {
            try Posix.writeAll(fd, buffer, path: path)
        } catch {
            // Leave the file ending on the last whole flush; the buffer stays pending.
            _ = Glibc.ftruncate(fd, off_t(writtenBytes))
            _ = Glibc.lseek(fd, off_t(writtenBytes), SEEK_SET)
            throw error
        }
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        writtenBytes += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
        pendingAppends = 0
    }

    /// Writes the buffer and makes it durable with `fdatasync` (which also persists the new file size).
    public func sync() throws(StoreError) {
        try flush()
        try Posix.fdatasync(fd, path: path)
        syncedBytes = writtenBytes
    }

    /// Drops bytes that could not be written, returning how many bytes and appends (records) were lost.
    @discardableResult
    public func discardPending() -> (bytes: Int64, appends: Int) {
        let lost = (Int64(buffer.count), pendingAppends)
        buffer.removeAll()
        pendingAppends = 0
        return lost
    }

    /// Syncs and closes; returns the lower-case hex SHA-256 of the whole file. Idempotent.
    @discardableResult
    public func close() throws(StoreError) -> String {
        if let d = closedDigest { return d }
        try sync()
        let digest = hasher.finalize().hexString
        let closing = fd
        fd = -1
        closedDigest = digest
        try Posix.close(closing, path: path)
        return digest
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
