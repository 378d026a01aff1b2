import Glibc

/// Free-space readings for the disk guard, which closes segments with `disk_low` before the filesystem fills.
public struct DiskSpace: Equatable, Sendable, Codable {
    /// Bytes an unprivileged process may still write (`f_bavail × f_frsize`; excludes root's reserve).
    public var availableBytes: Int64
    /// Free bytes including the root reserve (`f_bfree × f_frsize`).
    public var freeBytes: Int64
    /// Filesystem size (`f_blocks × f_frsize`).
    public var totalBytes: Int64

    public init(availableBytes: Int64, freeBytes: Int64, totalBytes: Int64) {
        self.availableBytes = availableBytes
        self.freeBytes = freeBytes
        self.totalBytes = totalBytes
    }

    /// Reads the filesystem holding `path`. The corresponding C function is `statvfs(3)`.
    public static func available(path: String) throws(StoreError) -> DiskSpace {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { throw Posix.fail("statvfs", path) }
        let unit = Int64(s.f_frsize)
        return DiskSpace(
            availableBytes: Int64(s.f_bavail) * unit, freeBytes: Int64(s.f_bfree) * unit,
            totalBytes: Int64(s.f_blocks) * unit)
    }

    /// Fraction of the filesystem still available to unprivileged writers (0…1).
    public var availableFraction: Double { totalBytes > 0 ? Double(availableBytes) / Double(totalBytes) : 0 }
}
