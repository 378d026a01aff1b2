import Glibc
public import TaktCore

/// Writes one segment: a BagIt bag under `segments/NNNNNN/` whose payload files are opened on demand under `data/`.
///
/// Creation writes `.lock` (with what recovery needs) and `bagit.txt` and fsyncs the directory, so even a segment
/// that dies a millisecond later is recognisable and recoverable. Callers append whole records (one pcap record,
/// one UBX frame, one MCAP output batch) with the counts and times they want in `segment.json`, call `syncAll()`
/// at least once a second, and end with `close(reason:info:)`.
///
/// ```swift
/// let seg = try session.openNext(start: boundary)
/// try seg.appendPcap(datagram, to: "lidar/lidar-os0.pcap", time: gpsTime)
/// try seg.append(ubxFrame, to: "gnss/f9p.ubx", time: gpsTime)
/// try seg.writeWholeFile(jpeg, to: "img/cam0/000123.jpg", time: exposure)
/// try seg.syncAll()                      // every ≤ 1 s
/// try seg.close(reason: .rotated, info: .init(end: boundary + .seconds(60)))
/// ```
public final class SegmentWriter {
    public let index: Int
    /// The segment directory.
    public let path: String
    public let sessionId: String
    public let start: GPSTime
    public let leapSeconds: Int

    private struct Payload {
        var file: DurableFile?
        var kind: RawFileKind
        /// Written in one go by `writeWholeFile` (a JPEG): all or nothing.
        var whole = false
        var records = 0
        var first: GPSTime?
        var last: GPSTime?
        var digest: String?
        var bytes: Int64 = 0
    }

    /// Keyed by path relative to `data/`.
    private var payloads: [String: Payload] = [:]
    /// Whole files (JPEGs) written but not yet fdatasync'ed; `syncAll` makes them durable and closes them.
    private var unsyncedWholeFiles: [String] = []
    /// Whole files in the background batch in flight; closed when it has finished.
    private var syncingWholeFiles: [String] = []
    /// The per-second fdatasyncs, off the caller's thread.
    private let background = BackgroundSync()
    private var losses: [SegmentLoss] = []
    /// Directories that gained entries since the last sync: fdatasync persists a file's data, not its name, so
    /// these are fsynced too (fsync(2)).
    private var dirtyDirectories: Set<String> = []
    private(set) var isClosed = false
    /// Observes the close sequence (tests check the order).
    var closeObserver: ((CloseStep) -> Void)?

    /// Creates `path` (which must not exist) with `.lock`, `bagit.txt` and `data/`.
    init(path: String, index: Int, sessionId: String, start: GPSTime, leapSeconds: Int) throws(StoreError) {
        self.path = path
        self.index = index
        self.sessionId = sessionId
        self.start = start
        self.leapSeconds = leapSeconds
        try Posix.mkdir(path)
        let lock = SegmentLock(
            sessionId: sessionId, segmentIndex: index, start: BundleInstant(start, leapSeconds: leapSeconds),
            leapSeconds: leapSeconds, writer: StoreVersion.writer, pid: getpid())
        try FileIO.writeNew(path + "/" + SegmentLock.fileName, JSONText.encode(lock))
        try FileIO.writeNew(path + "/" + BagItDeclaration.fileName, Array(BagItDeclaration.text.utf8))
        try Posix.mkdir(path + "/data")
        try Posix.fsyncDirectory(path)
    }

    deinit {
        // A batch in flight uses the payload files' descriptors, which close when `payloads` is released.
        _ = background.wait()
    }

    /// Total payload bytes appended so far (for the size bound on rotation).
    public var payloadBytes: Int64 {
        payloads.values.reduce(0) { $0 + ($1.file?.byteCount ?? $1.bytes) }
    }

    /// Appends whole records to the payload file at `relativePath` under `data/`, creating it on first use. A new
    /// `.pcap` gets the nanosecond Ethernet file header first.
    public func append(_ bytes: [UInt8], to relativePath: String, records: Int = 1, time: GPSTime? = nil)
        throws(StoreError)
    {
        let file = try openStream(relativePath)
        try appendCounted(bytes, to: file, key: relativePath, records: records, time: time)
    }

    /// Frames a received datagram as an Ethernet/IPv4/UDP pcap record and appends it. A datagram that cannot be
    /// framed (payload over 65507 bytes) is counted as a loss and `false` is returned.
    @discardableResult
    public func appendPcap(_ datagram: PcapUDPDatagram, to relativePath: String, time: GPSTime? = nil)
        throws(StoreError) -> Bool
    {
        let length: Int
        do {
            length = try PcapRecord.recordLength(of: datagram)
        } catch {
            recordLoss(
                SegmentLoss(
                    path: "data/" + relativePath, bytes: Int64(datagram.payload.count), records: 1, reason: "\(error)"))
            return false
        }
        let file = try openStream(relativePath)
        // Framed straight into the file's buffer; `recordLength` has vetted the datagram, so this cannot fail.
        try appendCounted(length, to: file, key: relativePath, records: 1, time: time) {
            try? PcapRecord.encode(datagram, appendingTo: &$0)
        }
        return true
    }

    /// The segment's MCAP timeline, `data/timeline.mcap`.
    public static let timelinePath = "timeline.mcap"

    /// Drains the MCAP writer's output into `data/timeline.mcap` (a `DurableFile` like every payload file). Call it
    /// before `syncAll()` so the timeline is durable on the same beat, and after `writer.finish()` before `close`.
    /// The file's record count in `segment.json` is the writer's message count.
    public func appendTimeline(from writer: inout MCAPWriter) throws(StoreError) {
        let bytes = writer.takeOutput()
        let file = try openStream(Self.timelinePath)
        if !bytes.isEmpty { try file.append(bytes) }
        if var p = payloads[Self.timelinePath] {
            let stats = writer.currentStatistics
            p.records = Int(stats.messageCount)
            if stats.messageCount > 0 {
                // MCAP log times are Unix UTC nanoseconds (formats.md §1.1); segment.json speaks GPS.
                p.first = GPSTime(unixUTCNanoseconds: Int64(clamping: stats.messageStartTime), leapSeconds: leapSeconds)
                p.last = GPSTime(unixUTCNanoseconds: Int64(clamping: stats.messageEndTime), leapSeconds: leapSeconds)
            }
            payloads[Self.timelinePath] = p
        }
    }

    /// Writes a complete file (a camera JPEG, a metadata JSON) in one go. It becomes durable at the next `syncAll`.
    public func writeWholeFile(_ bytes: [UInt8], to relativePath: String, time: GPSTime? = nil) throws(StoreError) {
        let full = try fullPath(relativePath)
        guard payloads[relativePath] == nil else { throw .misuse(path: full, reason: "payload file already exists") }
        try Posix.mkdirs(parent(full))
        markDirty(full)
        let file = try DurableFile.create(path: full, bufferCapacity: max(1, bytes.count))
        payloads[relativePath] = Payload(file: file, kind: RawFileKind(path: relativePath), whole: true)
        unsyncedWholeFiles.append(relativePath)
        try appendCounted(bytes, to: file, key: relativePath, records: 1, time: time)
    }

    /// Appends and counts. A failed flush (ENOSPC) still leaves the bytes buffered in `file`: they reach the disk
    /// at a later sync or are listed as lost at close (which subtracts them), so they are counted either way.
    /// Counting only on success left segment.json one record short of the file after a full disk.
    private func appendCounted(
        _ bytes: [UInt8], to file: DurableFile, key: String, records: Int, time: GPSTime?
    ) throws(StoreError) {
        try appendCounted(bytes.count, to: file, key: key, records: records, time: time) {
            $0.append(contentsOf: bytes)
        }
    }

    /// `appendCounted` for a record `encode` builds in place in the file's buffer (about `count` bytes).
    private func appendCounted(
        _ count: Int, to file: DurableFile, key: String, records: Int, time: GPSTime?,
        _ encode: (inout [UInt8]) -> Void
    ) throws(StoreError) {
        let before = file.byteCount
        do {
            try file.append(reserving: count, encode)
        } catch {
            if file.byteCount > before { note(key, records: records, time: time) }
            throw error
        }
        note(key, records: records, time: time)
    }

    /// Copies a file from outside the bag (e.g. `rig/lidar-os0.json` to `lidar/lidar-os0.json`, so ouster-sdk finds
    /// the metadata next to the pcap).
    public func copyFile(from sourcePath: String, to relativePath: String) throws(StoreError) {
        try writeWholeFile(try FileIO.readAll(sourcePath), to: relativePath)
    }

    /// Records a loss the capture path observed (drops, gaps), listed at close.
    public func recordLoss(_ loss: SegmentLoss) { losses.append(loss) }

    /// Drops every byte not yet handed to the kernel, listing each file's share as a loss, except in the files
    /// named in `keeping` (relative to `data/`). On a full disk the close itself (tag files, the MCAP summary)
    /// must fit in what space is left, not the last second of data. Keep the timeline: its writer has already
    /// indexed those bytes, so dropping them would corrupt the MCAP summary.
    public func discardPending(keeping: Set<String> = [], reason: String) {
        for key in payloads.keys.sorted() where !keeping.contains(key) {
            guard var p = payloads[key], let file = p.file else { continue }
            let lost = file.discardPending()
            guard lost.bytes > 0 else { continue }
            p.records = max(0, p.records - lost.appends)
            payloads[key] = p
            recordLoss(SegmentLoss(path: "data/" + key, bytes: lost.bytes, records: lost.appends, reason: reason))
        }
    }

    /// Writes every open file's buffer to the kernel and starts making it durable; whole files are closed once
    /// durable. The `fdatasync`s (then the fsyncs of directories that gained entries) run on a `BackgroundSync`
    /// thread while the caller appends the next second: each call first waits for the previous call's batch and
    /// throws its first failure, so every byte written is fdatasync'ed within one call interval plus the disk's
    /// latency, and no failure goes unreported. Tries every file and throws the first error, so one failing file
    /// never leaves the others unsynced. (Syncing on the caller's thread made it wait for the disk with nothing
    /// to do; overlapping is what lets the writer keep up with `dd`, see docs/benchmarks.md.)
    public func syncAll() throws(StoreError) {
        var firstError = completeBackgroundSync()
        var failed: Set<String> = []
        var batch: [BackgroundSync.File] = []
        for key in payloads.keys.sorted() {
            guard let file = payloads[key]?.file else { continue }
            do {
                try file.flush()
                if file.syncedBytes < file.writtenBytes || unsyncedWholeFiles.contains(key) {
                    batch.append(.init(key: key, descriptor: file.descriptor, path: file.path, bytes: file.writtenBytes))
                }
            } catch {
                firstError = firstError ?? error
                failed.insert(key)
            }
        }
        syncingWholeFiles = unsyncedWholeFiles.filter { !failed.contains($0) }
        unsyncedWholeFiles = unsyncedWholeFiles.filter { failed.contains($0) }
        let directories = dirtyDirectories.sorted(by: { $0.count > $1.count })
        dirtyDirectories.removeAll()
        background.start(files: batch, directories: directories)
        if let e = firstError { throw e }
    }

    /// Waits until everything written so far is durable (the batch `syncAll` started has finished), throwing its
    /// first failure. A benchmark calls it so its timing includes the last second's `fdatasync`.
    public func waitForSync() throws(StoreError) {
        if let e = completeBackgroundSync() { throw e }
    }

    /// Takes the finished batch's outcome: marks what it made durable, keeps failed directories dirty, and closes
    /// the whole files it synced (their `close` needs no second `fdatasync`). Returns the first failure.
    private func completeBackgroundSync() -> StoreError? {
        guard let outcome = background.wait() else { return nil }
        var firstError = outcome.errors.first
        for (key, bytes) in outcome.synced { payloads[key]?.file?.markSynced(upTo: bytes) }
        dirtyDirectories.formUnion(outcome.failedDirectories)
        for key in syncingWholeFiles {
            do { try finishFile(key) } catch {
                firstError = firstError ?? error
                unsyncedWholeFiles.append(key)
            }
        }
        syncingWholeFiles = []
        return firstError
    }

    /// What the caller adds at close.
    public struct CloseInfo: Sendable {
        /// End of the segment's time span (the next boundary for `rotated`); nil if unknown.
        public var end: GPSTime?
        public var losses: [SegmentLoss]
        public var notes: [String]
        public init(end: GPSTime?, losses: [SegmentLoss] = [], notes: [String] = []) {
            self.end = end
            self.losses = losses
            self.notes = notes
        }
    }

    /// Closes the segment atomically (see `CloseStep`). Bytes that cannot be written (disk full) are dropped and
    /// listed as losses so the bag still closes consistent; a failure after that (EIO on a tag file) is thrown and
    /// leaves `.lock` in place for `takt recover`.
    @discardableResult
    public func close(reason: SegmentCloseReason, info: CloseInfo) throws(StoreError) -> SegmentDescription {
        guard !isClosed else { throw .misuse(path: path, reason: "segment already closed") }
        // A failed background fdatasync is thrown (leaving `.lock` for recovery): a second fdatasync may succeed
        // after the kernel has dropped the pages it could not write. Out of space is the exception: the files'
        // own sync below turns what still does not fit into listed losses.
        if let e = completeBackgroundSync(), !e.isOutOfSpace { throw e }
        for key in payloads.keys.sorted() {
            try finishFile(key)
            closeObserver?(.payloadSynced(path: "data/" + key))
        }
        unsyncedWholeFiles = []
        syncingWholeFiles = []
        try syncDirectories()
        let description = SegmentDescription(
            sessionId: sessionId, segmentIndex: index, writer: StoreVersion.writer, closeReason: reason,
            start: BundleInstant(start, leapSeconds: leapSeconds),
            end: info.end.map { BundleInstant($0, leapSeconds: leapSeconds) }, files: fileStats(),
            losses: losses + info.losses, notes: info.notes)
        let digests = payloads.keys.sorted().compactMap { key -> BagCloser.PayloadDigest? in
            guard let p = payloads[key], let d = p.digest else { return nil }
            return .init(path: "data/" + key, digest: d, bytes: p.bytes)
        }
        try BagCloser(segmentPath: path, observer: closeObserver).close(
            payload: digests, description: description, leapSeconds: leapSeconds)
        isClosed = true
        return description
    }

    // MARK: - Internals

    private func openStream(_ relativePath: String) throws(StoreError) -> DurableFile {
        if let f = payloads[relativePath]?.file, !f.isClosed { return f }
        let full = try fullPath(relativePath)
        guard payloads[relativePath] == nil else { throw .misuse(path: full, reason: "payload file already closed") }
        try Posix.mkdirs(parent(full))
        markDirty(full)
        let file = try DurableFile.create(path: full)
        let kind = RawFileKind(path: relativePath)
        payloads[relativePath] = Payload(file: file, kind: kind)
        if kind == .pcap { try file.append(PcapFileHeader.takt.encoded()) }
        return file
    }

    /// Syncs and closes one file, turning unwritable pending bytes into a recorded loss first. A whole file none of
    /// whose bytes reached the disk is removed (its loss stays listed): an empty `.jpg` in the bag would be a
    /// file that claims to be an image and is not.
    private func finishFile(_ key: String) throws(StoreError) {
        guard var p = payloads[key], let file = p.file else { return }
        do {
            try file.sync()
        } catch  where error.isOutOfSpace {
            let lost = file.discardPending()
            p.records = max(0, p.records - lost.appends)
            recordLoss(SegmentLoss(path: "data/" + key, bytes: lost.bytes, records: lost.appends, reason: "\(error)"))
        }
        p.digest = try file.close()
        p.bytes = file.writtenBytes
        p.file = nil
        if p.whole, p.bytes == 0, p.records == 0 {
            let full = try fullPath(key)
            try Posix.unlink(full)
            markDirty(full)
            payloads[key] = nil
            return
        }
        payloads[key] = p
    }

    /// Marks every directory from the new file's parent up to the segment directory.
    private func markDirty(_ full: String) {
        var dir = parent(full)
        while dir.count > path.count, dir.hasPrefix(path) {
            dirtyDirectories.insert(dir)
            dir = parent(dir)
        }
    }

    /// Deepest first, so a new directory's own entries are durable before its name is.
    private func syncDirectories() throws(StoreError) {
        for dir in dirtyDirectories.sorted(by: { $0.count > $1.count }) {
            try Posix.fsyncDirectory(dir)
            dirtyDirectories.remove(dir)
        }
    }

    private func note(_ key: String, records: Int, time: GPSTime?) {
        guard var p = payloads[key] else { return }
        p.records += records
        if let t = time {
            if p.first.map({ t < $0 }) ?? true { p.first = t }
            if p.last.map({ t > $0 }) ?? true { p.last = t }
        }
        payloads[key] = p
    }

    private func fileStats() -> [SegmentDescription.FileStats] {
        payloads.keys.sorted().compactMap { key in
            guard let p = payloads[key] else { return nil }
            return .init(
                path: "data/" + key, kind: p.kind, bytes: p.bytes, records: p.records,
                firstTime: p.first.map { BundleInstant($0, leapSeconds: leapSeconds) },
                lastTime: p.last.map { BundleInstant($0, leapSeconds: leapSeconds) })
        }
    }

    private func fullPath(_ relativePath: String) throws(StoreError) -> String {
        guard !isClosed else { throw .misuse(path: path, reason: "segment is closed") }
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !relativePath.hasPrefix("/"), !parts.isEmpty,
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }), parts.first != "partial",
            !relativePath.contains("\n"), !relativePath.contains("\r"), !relativePath.contains("%")
        else { throw .misuse(path: path, reason: "invalid payload path '\(relativePath)'") }
        return path + "/data/" + relativePath
    }

    private func parent(_ full: String) -> String {
        guard let slash = full.lastIndex(of: "/") else { return "." }
        return String(full[..<slash])
    }
}
