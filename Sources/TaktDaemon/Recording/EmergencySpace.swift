import Glibc

/// A preallocated file in the output directory that the recorder deletes when the disk fills, so the open
/// segment can still be closed: its unsynced payload, the MCAP summary, four tag files and the session manifest
/// need a few pages each, and on a full filesystem even a 1-byte file fails with ENOSPC.
///
/// The disk guard's reserve is the first defence (recording stops before the disk fills); this space covers the
/// cases it cannot see coming: another process filling the disk, a reserve of 0, a burst within one guard tick.
/// It is held only while a session records and released on every stop for lack of space.
struct EmergencySpace {
    static let fileName = ".takt-emergency-space"

    let path: String
    let bytes: Int64
    private(set) var isHeld = false

    init(directory: String, bytes: Int64) {
        path = directory + "/" + Self.fileName
        self.bytes = bytes
    }

    /// Allocates the file (real blocks, not sparse). Returns a reason on failure; recording goes on without it.
    /// The corresponding C functions are `open` and `posix_fallocate`.
    mutating func reserve() -> String? {
        guard bytes > 0, !isHeld else { return nil }
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return "cannot create \(path): \(errnoDescription(errno))" }
        defer { close(fd) }
        let rc = posix_fallocate(fd, 0, off_t(bytes))
        guard rc == 0 else {
            unlink(path)
            return "cannot reserve \(bytes) bytes in \(path): \(errnoDescription(rc))"
        }
        _ = fdatasync(fd)
        isHeld = true
        return nil
    }

    /// Deletes the file so its blocks are free for closing. The corresponding C function is `unlink`.
    mutating func release() {
        guard isHeld else { return }
        unlink(path)
        isHeld = false
    }
}
