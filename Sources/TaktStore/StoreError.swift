import Glibc

/// Every failure of the bundle store, with the file, the operation and the errno an operator can act on, e.g.
/// "fdatasync failed on /data/…/lidar-os0.pcap: No space left on device (ENOSPC)".
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed.
    case system(operation: String, path: String, errno: Int32)
    /// The bundle on disk is not in a state this operation accepts (e.g. not a session, segment already closed).
    case invalidBundle(path: String, reason: String)
    /// The caller used the writer out of order (append after close, unknown payload path).
    case misuse(path: String, reason: String)

    public var description: String {
        switch self {
        case .system(let op, let path, let e):
            let msg = String(cString: strerror(e))
            return "\(op) failed on \(path): \(msg) (\(Self.errnoName(e)))"
        case .invalidBundle(let path, let reason): return "\(path): \(reason)"
        case .misuse(let path, let reason): return "\(path): \(reason)"
        }
    }

    /// The errno, when the failure came from a system call.
    public var errnoValue: Int32? {
        if case .system(_, _, let e) = self { return e }
        return nil
    }

    /// True when the disk is full or over quota: the disk guard should close with `disk_low`.
    public var isOutOfSpace: Bool { errnoValue == ENOSPC || errnoValue == EDQUOT }

    static func errnoName(_ e: Int32) -> String {
        switch e {
        case ENOSPC: "ENOSPC"
        case EDQUOT: "EDQUOT"
        case EIO: "EIO"
        case EEXIST: "EEXIST"
        case ENOENT: "ENOENT"
        case EACCES: "EACCES"
        case EPERM: "EPERM"
        case EROFS: "EROFS"
        case ENOTDIR: "ENOTDIR"
        case EISDIR: "EISDIR"
        case EBADF: "EBADF"
        case EINVAL: "EINVAL"
        case EMFILE: "EMFILE"
        case ENFILE: "ENFILE"
        case EFBIG: "EFBIG"
        case ENAMETOOLONG: "ENAMETOOLONG"
        case ENOTEMPTY: "ENOTEMPTY"
        case EXDEV: "EXDEV"
        default: "errno \(e)"
        }
    }
}
