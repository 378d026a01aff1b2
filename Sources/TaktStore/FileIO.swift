import Crypto
import Glibc

/// Whole-file reads and writes the store needs besides `DurableFile`: streaming a file through a scanner and a
/// hasher in one pass, and writing a tag file atomically (temp + fsync + rename).
enum FileIO {
    static let chunkSize = 1 << 20

    /// Calls `body` with successive chunks of the file. The corresponding C function is `read(2)`.
    static func forEachChunk(_ path: String, _ body: ([UInt8]) -> Void) throws(StoreError) {
        let fd = try Posix.open(path, O_RDONLY)
        defer { _ = Glibc.close(fd) }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Posix.fail("read", path)
            }
            if n == 0 { return }
            body(n == chunkSize ? chunk : Array(chunk[0..<n]))
        }
    }

    static func readAll(_ path: String) throws(StoreError) -> [UInt8] {
        var out: [UInt8] = []
        try forEachChunk(path) { out += $0 }
        return out
    }

    static func readText(_ path: String) throws(StoreError) -> String {
        String(decoding: try readAll(path), as: UTF8.self)
    }

    /// Hex SHA-256 and length of a file.
    static func sha256(_ path: String) throws(StoreError) -> (digest: String, bytes: Int64) {
        var hasher = SHA256()
        var n: Int64 = 0
        try forEachChunk(path) { chunk in
            chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            n += Int64(chunk.count)
        }
        return (hasher.finalize().hexString, n)
    }

    static func sha256(bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { SHA256.hash(data: $0) }.hexString
    }

    /// Writes `path.tmp`, fsyncs it and renames it over `path`. The directory is not fsynced: callers batch that.
    static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
        let tmp = path + ".tmp"
        if Posix.exists(tmp) { try Posix.unlink(tmp) }  // left by an interrupted earlier attempt
        let fd = try Posix.open(tmp, O_WRONLY | O_CREAT | O_EXCL)
        do {
            try Posix.writeAll(fd, bytes, path: tmp)
            try Posix.fsync(fd, path: tmp)
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
        try Posix.close(fd, path: tmp)
        try Posix.rename(tmp, path)
    }

    /// Writes a new file exclusively and fsyncs it (used for `.lock`, `bagit.txt`, copied metadata).
    static func writeNew(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
        let fd = try Posix.open(path, O_WRONLY | O_CREAT | O_EXCL)
        do {
            try Posix.writeAll(fd, bytes, path: path)
            try Posix.fsync(fd, path: path)
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
        try Posix.close(fd, path: path)
    }
}
