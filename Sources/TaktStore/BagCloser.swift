import TaktCore

/// The atomic close shared by the live writer and recovery (formats.md §1.3):
/// 1. payload files are already synced and closed by the caller;
/// 2. `bag-info.txt`, `segment.json`, `manifest-sha256.txt` each written as `*.tmp`, fsynced, renamed;
/// 3. `tagmanifest-sha256.txt` the same way, last;
/// 4. fsync the segment directory;
/// 5. remove `.lock`, fsync the directory again.
/// A segment is closed exactly when `tagmanifest-sha256.txt` exists and `.lock` does not.
struct BagCloser {
    struct PayloadDigest: Sendable {
        /// Bag-relative path (`data/...`).
        var path: String
        var digest: String
        var bytes: Int64
    }

    var segmentPath: String
    var observer: ((CloseStep) -> Void)?

    func close(payload: [PayloadDigest], description: SegmentDescription, leapSeconds: Int) throws(StoreError) {
        let info = Self.bagInfo(payload: payload, description: description, leapSeconds: leapSeconds)
        let manifest = BagManifest(entries: payload.map { .init(digest: $0.digest, path: $0.path) })
        let tagFiles: [(String, [UInt8])] = [
            (BagInfo.fileName, Array(info.text.utf8)),
            (SegmentDescription.fileName, JSONText.encode(description)),
            (BagManifest.payloadFileName, Array(manifest.text.utf8)),
        ]
        var tagEntries: [BagManifest.Entry] = []
        let bagit = segmentPath + "/" + BagItDeclaration.fileName
        tagEntries.append(.init(digest: try FileIO.sha256(bagit).digest, path: BagItDeclaration.fileName))
        for (name, bytes) in tagFiles {
            try FileIO.writeAtomically(segmentPath + "/" + name, bytes)
            observer?(.tagFileRenamed(name: name))
            tagEntries.append(.init(digest: FileIO.sha256(bytes: bytes), path: name))
        }
        let tagManifest = BagManifest(entries: tagEntries)
        try FileIO.writeAtomically(segmentPath + "/" + BagManifest.tagFileName, Array(tagManifest.text.utf8))
        observer?(.tagFileRenamed(name: BagManifest.tagFileName))
        try Posix.fsyncDirectory(segmentPath)
        observer?(.directorySynced)
        let lock = segmentPath + "/" + SegmentLock.fileName
        if Posix.exists(lock) { try Posix.unlink(lock) }
        observer?(.lockRemoved)
        try Posix.fsyncDirectory(segmentPath)
        observer?(.directorySynced)
    }

    /// The `bag-info.txt` fields, standard ones first.
    static func bagInfo(payload: [PayloadDigest], description d: SegmentDescription, leapSeconds: Int) -> BagInfo {
        var info = BagInfo()
        let oxum = PayloadOxum(bytes: payload.reduce(0) { $0 + $1.bytes }, files: payload.count)
        info.append(PayloadOxum.label, oxum.description)
        if let when = d.end ?? d.start {
            info.append(
                "Bagging-Date", UTCText.date(unixNanoseconds: when.gpsTime.unixUTCNanoseconds(leapSeconds: leapSeconds))
            )
        }
        info.append("External-Identifier", "\(d.sessionId)/segments/\(SegmentName.directoryName(d.segmentIndex))")
        info.append("Bag-Software-Agent", d.writer)
        info.append("Takt-Session-Id", d.sessionId)
        info.append("Takt-Segment-Index", String(d.segmentIndex))
        if let s = d.start {
            info.append("Takt-Segment-Start-GPS", String(s.gpsNanoseconds))
            info.append("Takt-Segment-Start-UTC", s.utc)
        }
        if let e = d.end {
            info.append("Takt-Segment-End-GPS", String(e.gpsNanoseconds))
            info.append("Takt-Segment-End-UTC", e.utc)
        }
        info.append("Takt-Leap-Seconds", String(leapSeconds))
        info.append("Takt-Close-Reason", d.closeReason.rawValue)
        for loss in d.losses { info.append("Takt-Loss", loss.description) }
        return info
    }
}

/// Segment directory names: six-digit zero-padded index.
public enum SegmentName {
    public static func directoryName(_ index: Int) -> String {
        let s = String(index)
        return s.count >= 6 ? s : String(repeating: "0", count: 6 - s.count) + s
    }
}
