import Glibc
import TaktCore

/// Closes what a crash or power cut left open (formats.md §1.4), run by `takt recover` and at daemon start.
///
/// For every segment without `tagmanifest-sha256.txt`: each raw file is trimmed to its last whole record
/// (`RawRecordScanner`), incomplete JPEGs move to `data/partial/`, the MCAP timeline is repaired, and the bag is
/// closed with `close_reason=recovered` listing every byte and record lost. Only bytes after the last whole
/// record are ever removed, so nothing that was synced as a whole record is lost. A segment whose close got as far
/// as the tagmanifest only loses its stale `.lock`. Finally an unclosed session gets its `SESSION_MANIFEST.txt`.
/// Running it twice changes nothing the second time.
public enum BundleRecovery {
    public static func recover(sessionPath: String) throws(StoreError) -> RecoveryReport {
        guard SegmentDirectory.isSession(sessionPath) else {
            throw .invalidBundle(path: sessionPath, reason: "not a Takt session (no segments/ or session.json)")
        }
        let session = sessionDescription(sessionPath)
        var report = RecoveryReport(
            sessionPath: sessionPath, segments: [], segmentsAlreadyClosed: 0, sessionClosed: false)
        for dir in try SegmentDirectory.all(inSession: sessionPath) {
            if let seg = try recoverSegment(dir, session: session, fallbackSessionId: lastComponent(sessionPath)) {
                report.segments.append(seg)
            } else {
                report.segmentsAlreadyClosed += 1
            }
        }
        if Posix.exists(sessionPath + "/" + SessionWriter.lockFileName) {
            try SessionCloser.close(sessionPath: sessionPath)
            report.sessionClosed = true
        }
        return report
    }

    /// Recovers one segment directory; `nil` when it is already closed.
    public static func recover(segmentPath: String) throws(StoreError) -> RecoveryReport.Segment? {
        let sessionPath = parentOf(parentOf(segmentPath))
        return try recoverSegment(
            SegmentDirectory(path: segmentPath), session: sessionDescription(sessionPath),
            fallbackSessionId: lastComponent(sessionPath))
    }

    static func recoverSegment(
        _ dir: SegmentDirectory, session: SessionDescription?, fallbackSessionId: String
    ) throws(StoreError) -> RecoveryReport.Segment? {
        if dir.hasTagManifest {
            guard dir.hasLock else { return nil }
            // Crashed between the tagmanifest rename and the lock removal: the bag is complete.
            try Posix.unlink(dir.lockPath)
            try Posix.fsyncDirectory(dir.path)
            return RecoveryReport.Segment(
                path: dir.path, index: dir.indexFromName ?? -1, losses: [], partialFiles: [],
                notes: ["bag was complete; removed stale .lock"])
        }
        try removeTemporaries(dir.path)
        // A crash right after mkdir can leave the bag without its declaration or data/ directory.
        if !Posix.exists(dir.path + "/" + BagItDeclaration.fileName) {
            try FileIO.writeNew(dir.path + "/" + BagItDeclaration.fileName, Array(BagItDeclaration.text.utf8))
        }
        if !Posix.isDirectory(dir.dataPath) { try Posix.mkdir(dir.dataPath) }
        let lock = dir.lock()
        let leap = lock?.leapSeconds ?? session?.leapSeconds ?? GPSTime.defaultLeapSeconds
        let index = lock?.segmentIndex ?? dir.indexFromName ?? -1
        var repaired = try repairPayload(dir, leapSeconds: leap)
        if lock == nil { repaired.notes.append(".lock missing or unreadable; start time unknown") }
        let end = repaired.latest.map { BundleInstant($0, leapSeconds: leap) }
        let description = SegmentDescription(
            sessionId: lock?.sessionId ?? session?.sessionId ?? fallbackSessionId, segmentIndex: index,
            writer: StoreVersion.writer, closeReason: .recovered, start: lock?.start, end: end,
            files: repaired.stats, losses: repaired.losses, partialFiles: repaired.partial, notes: repaired.notes)
        try BagCloser(segmentPath: dir.path).close(
            payload: repaired.digests, description: description, leapSeconds: leap)
        return RecoveryReport.Segment(
            path: dir.path, index: index, losses: repaired.losses, partialFiles: repaired.partial, notes: repaired.notes
        )
    }

    private struct Repaired {
        var digests: [BagCloser.PayloadDigest] = []
        var stats: [SegmentDescription.FileStats] = []
        var losses: [SegmentLoss] = []
        var partial: [String] = []
        var notes: [String] = []
        var latest: GPSTime?
    }

    private static func repairPayload(_ dir: SegmentDirectory, leapSeconds: Int) throws(StoreError) -> Repaired {
        var r = Repaired()
        for rel in try dir.payloadFiles() {
            var current = rel
            let bagPath = "data/" + rel
            let full = dir.dataPath + "/" + rel
            let kind = RawFileKind(path: rel)
            var records = 0
            var first: GPSTime?
            var last: GPSTime?
            if rel.hasPrefix("partial/") {
                r.partial.append(bagPath)
            } else if kind.hasRecords {
                var scanner = RawRecordScanner(kind: kind)
                try FileIO.forEachChunk(full) { scanner.consume($0) }
                let scan = scanner.finish()
                records = scan.records
                first = scan.firstTimestampUnixNanoseconds.map {
                    GPSTime(unixUTCNanoseconds: $0, leapSeconds: leapSeconds)
                }
                last = scan.lastTimestampUnixNanoseconds.map {
                    GPSTime(unixUTCNanoseconds: $0, leapSeconds: leapSeconds)
                }
                if kind == .jpeg, !scan.isSound {
                    current = "partial/" + rel
                    try Posix.mkdirs(parentOf(dir.dataPath + "/" + current))
                    try Posix.rename(full, dir.dataPath + "/" + current)
                    r.partial.append("data/" + current)
                    r.losses.append(
                        SegmentLoss(
                            path: bagPath, bytes: scan.totalLength, records: 1,
                            reason: "incomplete JPEG moved to data/\(current)"))
                    records = 0
                } else if kind == .pcap, scan.validPrefixLength < PcapFileHeader.length {
                    try rewritePcapHeader(full)
                    r.losses.append(
                        SegmentLoss(
                            path: bagPath, bytes: scan.totalLength, records: 0,
                            reason: "pcap header missing or invalid; file reset to an empty pcap"))
                } else if scan.tailBytes > 0 {
                    try truncateDurably(full, to: scan.validPrefixLength)
                    r.losses.append(
                        SegmentLoss(
                            path: bagPath, bytes: scan.tailBytes, records: 1,
                            reason: "trimmed after the last whole record"))
                }
            } else if kind == .mcap {
                let outcome = try TimelineRepair.repair(path: full, bagPath: bagPath)
                records = outcome.records
                if let loss = outcome.loss { r.losses.append(loss) }
                r.notes += outcome.notes
            }
            if let l = last, r.latest.map({ l > $0 }) ?? true { r.latest = l }
            let (digest, bytes) = try FileIO.sha256(dir.dataPath + "/" + current)
            r.digests.append(.init(path: "data/" + current, digest: digest, bytes: bytes))
            r.stats.append(
                .init(
                    path: "data/" + current, kind: kind, bytes: bytes, records: records,
                    firstTime: first.map { BundleInstant($0, leapSeconds: leapSeconds) },
                    lastTime: last.map { BundleInstant($0, leapSeconds: leapSeconds) }))
        }
        if !r.partial.isEmpty { try Posix.fsyncDirectory(dir.dataPath) }
        return r
    }

    /// Truncates and fdatasyncs, so the repaired length is durable before the manifest names it.
    private static func truncateDurably(_ path: String, to length: Int64) throws(StoreError) {
        try Posix.truncate(path, length)
        let fd = try Posix.open(path, O_WRONLY)
        defer { _ = Glibc.close(fd) }
        try Posix.fdatasync(fd, path: path)
    }

    private static func rewritePcapHeader(_ path: String) throws(StoreError) {
        try Posix.truncate(path, 0)
        let fd = try Posix.open(path, O_WRONLY)
        defer { _ = Glibc.close(fd) }
        try Posix.writeAll(fd, PcapFileHeader.takt.encoded(), path: path)
        try Posix.fdatasync(fd, path: path)
    }

    /// Removes `*.tmp` tag files an interrupted close left in the bag root.
    private static func removeTemporaries(_ path: String) throws(StoreError) {
        for name in try Posix.list(path) where name.hasSuffix(".tmp") {
            try Posix.unlink(path + "/" + name)
        }
    }

    static func sessionDescription(_ sessionPath: String) -> SessionDescription? {
        let p = sessionPath + "/" + SessionDescription.fileName
        guard let bytes = try? FileIO.readAll(p) else { return nil }
        return try? JSONText.decode(SessionDescription.self, from: bytes, path: p)
    }
}

func parentOf(_ path: String) -> String {
    var p = Substring(path)
    while p.count > 1, p.last == "/" { p = p.dropLast() }
    guard let slash = p.lastIndex(of: "/") else { return "." }
    return slash == p.startIndex ? "/" : String(p[..<slash])
}

func lastComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
