import TaktCore

/// What a segment directory holds on disk, and helpers shared by recovery, verify and inspect.
struct SegmentDirectory {
    let path: String

    var lockPath: String { path + "/" + SegmentLock.fileName }
    var tagManifestPath: String { path + "/" + BagManifest.tagFileName }
    var dataPath: String { path + "/data" }

    var hasLock: Bool { Posix.exists(lockPath) }
    var hasTagManifest: Bool { Posix.exists(tagManifestPath) }
    /// Closed exactly when the tagmanifest exists and `.lock` does not (formats.md §1.3).
    var isClosed: Bool { hasTagManifest && !hasLock }

    /// Index from the directory name, if it is six digits.
    var indexFromName: Int? {
        guard let name = path.split(separator: "/").last, name.count == 6 else { return nil }
        return Int(name)
    }

    /// Payload files as paths relative to `data/`, sorted.
    func payloadFiles() throws(StoreError) -> [String] {
        guard Posix.isDirectory(dataPath) else { return [] }
        return try Posix.walkFiles(dataPath)
    }

    func lock() -> SegmentLock? {
        guard let bytes = try? FileIO.readAll(lockPath) else { return nil }
        return try? JSONText.decode(SegmentLock.self, from: bytes, path: lockPath)
    }

    func description() throws(StoreError) -> SegmentDescription {
        let p = path + "/" + SegmentDescription.fileName
        return try JSONText.decode(SegmentDescription.self, from: try FileIO.readAll(p), path: p)
    }

    /// Segment directories of a session, sorted by name.
    static func all(inSession session: String) throws(StoreError) -> [SegmentDirectory] {
        let dir = session + "/segments"
        guard Posix.isDirectory(dir) else { return [] }
        return try Posix.list(dir).filter { Posix.isDirectory(dir + "/" + $0) }.map {
            SegmentDirectory(path: dir + "/" + $0)
        }
    }

    /// Whether `path` looks like a session (has `segments/` or `session.json`) rather than one segment.
    static func isSession(_ path: String) -> Bool {
        Posix.isDirectory(path + "/segments") || Posix.exists(path + "/" + SessionDescription.fileName)
    }
}
