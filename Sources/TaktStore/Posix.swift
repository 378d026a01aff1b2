import Glibc

/// Thin wrappers over the Glibc calls the store uses; each names its C function and throws `StoreError` with the
/// path. EINTR is retried where the call may be interrupted.
enum Posix {
    static func fail(_ op: String, _ path: String) -> StoreError { .system(operation: op, path: path, errno: errno) }

    /// The corresponding C function is `open(2)`.
    static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0o644) throws(StoreError) -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw fail("open", path) }
        }
    }

    /// Writes every byte. The corresponding C function is `write(2)`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(StoreError) {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("write", path)
            }
            if n == 0 { throw StoreError.system(operation: "write", path: path, errno: EIO) }
            p += n
            left -= n
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        let result: Result<Void, StoreError> = bytes.withUnsafeBytes { raw in
            Result { () throws(StoreError) in try writeAll(fd, raw, path: path) }
        }
        try result.get()
    }

    /// The corresponding C function is `fdatasync(2)`.
    static func fdatasync(_ fd: Int32, path: String) throws(StoreError) {
        while Glibc.fdatasync(fd) != 0 {
            if errno != EINTR { throw fail("fdatasync", path) }
        }
    }

    /// The corresponding C function is `fsync(2)`.
    static func fsync(_ fd: Int32, path: String) throws(StoreError) {
        while Glibc.fsync(fd) != 0 {
            if errno != EINTR { throw fail("fsync", path) }
        }
    }

    /// The corresponding C function is `close(2)`; EINTR is not retried (Linux closes the descriptor anyway).
    static func close(_ fd: Int32, path: String) throws(StoreError) {
        if Glibc.close(fd) != 0 && errno != EINTR { throw fail("close", path) }
    }

    /// Opens the directory and fsyncs it, so renames and unlinks inside it reach the disk.
    static func fsyncDirectory(_ path: String) throws(StoreError) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { _ = Glibc.close(fd) }
        try fsync(fd, path: path)
    }

    /// The corresponding C function is `mkdir(2)`.
    static func mkdir(_ path: String, _ mode: mode_t = 0o755) throws(StoreError) {
        if Glibc.mkdir(path, mode) != 0 { throw fail("mkdir", path) }
    }

    /// Creates `path` and missing parents; existing directories are fine.
    static func mkdirs(_ path: String) throws(StoreError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if Glibc.mkdir(current, 0o755) != 0 && errno != EEXIST { throw fail("mkdir", current) }
        }
    }

    /// The corresponding C function is `rename(2)`: atomically replaces `to`.
    static func rename(_ from: String, _ to: String) throws(StoreError) {
        if Glibc.rename(from, to) != 0 { throw fail("rename to \(to)", from) }
    }

    /// The corresponding C function is `unlink(2)`.
    static func unlink(_ path: String) throws(StoreError) {
        if Glibc.unlink(path) != 0 { throw fail("unlink", path) }
    }

    /// The corresponding C function is `truncate(2)`.
    static func truncate(_ path: String, _ length: Int64) throws(StoreError) {
        if Glibc.truncate(path, off_t(length)) != 0 { throw fail("truncate", path) }
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Size in bytes. The corresponding C function is `stat(2)`.
    static func fileSize(_ path: String) throws(StoreError) -> Int64 {
        var st = stat()
        if stat(path, &st) != 0 { throw fail("stat", path) }
        return Int64(st.st_size)
    }

    /// Names in a directory except `.` and `..`, sorted. The corresponding C function is `readdir(3)`.
    static func list(_ path: String) throws(StoreError) -> [String] {
        guard let dir = opendir(path) else { throw fail("opendir", path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Regular files under `root`, as paths relative to it, sorted.
    static func walkFiles(_ root: String, prefix: String = "") throws(StoreError) -> [String] {
        var out: [String] = []
        for name in try list(root) {
            let full = root + "/" + name
            let rel = prefix.isEmpty ? name : prefix + "/" + name
            if isDirectory(full) {
                out += try walkFiles(full, prefix: rel)
            } else {
                out.append(rel)
            }
        }
        return out
    }
}
