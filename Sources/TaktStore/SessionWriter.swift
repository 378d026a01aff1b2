public import TaktCore

/// Writes one session (one drive): `<output>/<YYYY-MM-DDTHH-MM-SSZ>_<vehicleId>/` with `session.lock`,
/// `session.json`, `rig/` (the rig file's original bytes and sensor metadata) and `segments/`.
///
/// Segments overlap at rotation: `openNext` opens N+1 while N is still open, the caller routes each record to the
/// segment its timestamp belongs to, then closes N. `finish()` requires every segment closed, writes
/// `SESSION_MANIFEST.txt` and removes `session.lock`.
public final class SessionWriter {
    public static let lockFileName = "session.lock"
    public static let manifestFileName = "SESSION_MANIFEST.txt"

    public let path: String
    public let sessionId: String
    public let description: SessionDescription
    private var nextIndex = 0
    private var segments: [SegmentWriter] = []
    public private(set) var isFinished = false

    /// Everything `create` needs besides the output directory.
    public struct Configuration: Sendable {
        public var vehicleId: String
        /// Session start (the first segment's start).
        public var start: GPSTime
        public var leapSeconds: Int
        /// The rig file exactly as read, copied to `rig/rig.json5`.
        public var rigFileBytes: [UInt8]
        /// Extra files for `rig/` by name (Ouster metadata JSON, camera intrinsics).
        public var sensorMetadata: [String: [UInt8]]
        public var operatorName: String?
        public var segmentSeconds: Int
        public var segmentMaxBytes: Int64?

        public init(
            vehicleId: String, start: GPSTime, leapSeconds: Int, rigFileBytes: [UInt8],
            sensorMetadata: [String: [UInt8]] = [:], operatorName: String? = nil, segmentSeconds: Int = 60,
            segmentMaxBytes: Int64? = nil
        ) {
            self.vehicleId = vehicleId
            self.start = start
            self.leapSeconds = leapSeconds
            self.rigFileBytes = rigFileBytes
            self.sensorMetadata = sensorMetadata
            self.operatorName = operatorName
            self.segmentSeconds = segmentSeconds
            self.segmentMaxBytes = segmentMaxBytes
        }
    }

    /// Creates the session directory under `outputDirectory` (created if missing). Fails with EEXIST rather than
    /// writing into an existing session.
    public static func create(outputDirectory: String, configuration c: Configuration) throws(StoreError)
        -> SessionWriter
    {
        let stamp = UTCText.sessionStamp(unixNanoseconds: c.start.unixUTCNanoseconds(leapSeconds: c.leapSeconds))
        let safeVehicle = String(c.vehicleId.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        let sessionId = "\(stamp)_\(safeVehicle)"
        let path = outputDirectory + "/" + sessionId
        try Posix.mkdirs(outputDirectory)
        try Posix.mkdir(path)
        try FileIO.writeNew(path + "/" + lockFileName, Array("\(sessionId)\n".utf8))
        try Posix.mkdir(path + "/rig")
        try FileIO.writeNew(path + "/rig/rig.json5", c.rigFileBytes)
        for name in c.sensorMetadata.keys.sorted() {
            guard let bytes = c.sensorMetadata[name], !name.contains("/"), name != "rig.json5", !name.hasPrefix(".")
            else {
                throw .misuse(path: path + "/rig", reason: "invalid sensor metadata file name '\(name)'")
            }
            try FileIO.writeNew(path + "/rig/" + name, bytes)
        }
        try Posix.fsyncDirectory(path + "/rig")
        let description = SessionDescription(
            sessionId: sessionId, vehicleId: c.vehicleId, writer: StoreVersion.writer, leapSeconds: c.leapSeconds,
            start: BundleInstant(c.start, leapSeconds: c.leapSeconds), rigFile: "rig/rig.json5",
            rigSHA256: FileIO.sha256(bytes: c.rigFileBytes), operatorName: c.operatorName,
            segmentSeconds: c.segmentSeconds, segmentMaxBytes: c.segmentMaxBytes)
        try FileIO.writeNew(path + "/" + SessionDescription.fileName, JSONText.encode(description))
        try Posix.mkdir(path + "/segments")
        try Posix.fsyncDirectory(path)
        try Posix.fsyncDirectory(outputDirectory)
        return SessionWriter(path: path, sessionId: sessionId, description: description)
    }

    private init(path: String, sessionId: String, description: SessionDescription) {
        self.path = path
        self.sessionId = sessionId
        self.description = description
    }

    /// Opens the next segment starting at `start` (a GNSS-second boundary). The previous one stays open until the
    /// caller closes it, so no sample falls into a gap.
    public func openNext(start: GPSTime) throws(StoreError) -> SegmentWriter {
        guard !isFinished else { throw .misuse(path: path, reason: "session already finished") }
        let index = nextIndex
        let dir = path + "/segments/" + SegmentName.directoryName(index)
        let segment = try SegmentWriter(
            path: dir, index: index, sessionId: sessionId, start: start, leapSeconds: description.leapSeconds)
        try Posix.fsyncDirectory(path + "/segments")
        nextIndex += 1
        segments.append(segment)
        return segment
    }

    /// Segments opened and not yet closed.
    public var openSegments: [SegmentWriter] { segments.filter { !$0.isClosed } }

    /// Writes `SESSION_MANIFEST.txt` (sha256sum format over session.json, rig files and every segment's
    /// tagmanifest) and removes `session.lock`. Every segment must be closed first.
    public func finish() throws(StoreError) {
        guard !isFinished else { return }
        if let open = openSegments.first {
            throw .misuse(path: open.path, reason: "segment still open; close it before finishing the session")
        }
        try SessionCloser.close(sessionPath: path)
        isFinished = true
    }
}

/// Closes a session directory: manifest of session-level files and segment tagmanifests, then `session.lock` goes.
enum SessionCloser {
    static func close(sessionPath path: String) throws(StoreError) {
        var entries: [BagManifest.Entry] = []
        var files = [SessionDescription.fileName]
        files += try Posix.list(path + "/rig").map { "rig/" + $0 }
        let segmentsDir = path + "/segments"
        for name in try Posix.list(segmentsDir) where Posix.isDirectory(segmentsDir + "/" + name) {
            let tag = "segments/\(name)/" + BagManifest.tagFileName
            guard Posix.exists(path + "/" + tag) else {
                throw .invalidBundle(path: segmentsDir + "/" + name, reason: "segment is not closed (no tagmanifest)")
            }
            files.append(tag)
        }
        for f in files { entries.append(.init(digest: try FileIO.sha256(path + "/" + f).digest, path: f)) }
        try FileIO.writeAtomically(
            path + "/" + SessionWriter.manifestFileName, Array(BagManifest(entries: entries).text.utf8))
        try Posix.fsyncDirectory(path)
        let lock = path + "/" + SessionWriter.lockFileName
        if Posix.exists(lock) { try Posix.unlink(lock) }
        try Posix.fsyncDirectory(path)
    }
}
