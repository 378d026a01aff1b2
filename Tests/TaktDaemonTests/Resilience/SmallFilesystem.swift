import Foundation
import TaktStore

/// A tmpfs of a given size mounted for one test (we run as root in CI), unmounted by `unmount()` in every case.
struct SmallFilesystem {
    let path: String

    enum Failure: Error, CustomStringConvertible {
        case mount(String)
        var description: String {
            switch self {
            case .mount(let s): "cannot mount a tmpfs (these tests need root): \(s)"
            }
        }
    }

    init(at path: String, megabytes: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let r = try Resilience.run(["mount", "-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0755", "tmpfs", path])
        guard r.status == 0 else { throw Failure.mount(r.stderr) }
        self.path = path
    }

    var available: Int64 { (try? DiskSpace.available(path: path).availableBytes) ?? -1 }

    /// Creates `name` taking all but `leaving` bytes of the free space (tmpfs allocates whole pages).
    func fill(_ name: String, leaving: Int64) throws {
        let size = max(0, available - leaving)
        let r = try Resilience.run(["fallocate", "-l", String(size), path + "/" + name])
        guard r.status == 0 else { throw Failure.mount("fallocate: \(r.stderr)") }
    }

    /// Writes zeros into `name` until the filesystem is full (dd stops at ENOSPC).
    func fillCompletely(_ name: String) throws {
        _ = try Resilience.run(["dd", "if=/dev/zero", "of=" + path + "/" + name, "bs=4096", "status=none"])
    }

    func unmount() {
        _ = try? Resilience.run(["umount", "-l", path])
        try? FileManager.default.removeItem(atPath: path)
    }
}
