import Glibc

/// `strerror` text plus the symbolic name for the errnos operators meet most.
func errnoDescription(_ e: Int32) -> String {
    let names: [Int32: String] = [
        ENOENT: "ENOENT", EACCES: "EACCES", EPERM: "EPERM", ECONNREFUSED: "ECONNREFUSED", ENOSPC: "ENOSPC",
        EIO: "EIO", EADDRINUSE: "EADDRINUSE", ETIMEDOUT: "ETIMEDOUT", EAGAIN: "EAGAIN",
    ]
    let text = String(cString: strerror(e))
    return names[e].map { "\(text) (\($0))" } ?? "\(text) (errno \(e))"
}
