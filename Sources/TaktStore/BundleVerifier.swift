import TaktCore

/// Checks a session or one segment without changing it (`takt verify`): bag structure, Payload-Oxum, payload and
/// tag manifest hashes, each raw file's record structure, the MCAP timeline, and the session manifest. I/O errors
/// become problems too, so the report is complete rather than stopping at the first.
public enum BundleVerifier {
    public static func verify(path: String) -> VerifyReport {
        var report = VerifyReport(path: path)
        if SegmentDirectory.isSession(path) {
            verifySession(path, into: &report)
        } else if Posix.exists(path + "/" + BagItDeclaration.fileName) || Posix.exists(path + "/data") {
            verifySegment(SegmentDirectory(path: path), into: &report)
        } else {
            report.add(path, "neither a Takt session nor a segment (no segments/, session.json, bagit.txt or data/)")
        }
        return report
    }

    static func verifySession(_ path: String, into report: inout VerifyReport) {
        if BundleRecovery.sessionDescription(path) == nil {
            report.add(path + "/" + SessionDescription.fileName, "missing or unreadable")
        }
        if Posix.exists(path + "/" + SessionWriter.lockFileName) {
            report.add(path + "/" + SessionWriter.lockFileName, "session is not closed; run `takt recover`")
        } else {
            checkManifest(
                root: path, manifest: path + "/" + SessionWriter.manifestFileName, requireAll: nil, into: &report)
        }
        let segments: [SegmentDirectory]
        do { segments = try SegmentDirectory.all(inSession: path) } catch {
            report.add(path + "/segments", error.description)
            return
        }
        for (expected, dir) in segments.enumerated() {
            if dir.indexFromName != expected {
                report.add(
                    dir.path, "segment directory out of sequence (expected \(SegmentName.directoryName(expected)))")
            }
            verifySegment(dir, into: &report)
        }
    }

    static func verifySegment(_ dir: SegmentDirectory, into report: inout VerifyReport) {
        report.segmentsChecked += 1
        let p = dir.path
        if dir.hasLock { report.add(dir.lockPath, "segment is open (recording or crashed); run `takt recover`") }
        switch Result(catching: { () throws(StoreError) in try FileIO.readText(p + "/" + BagItDeclaration.fileName) }) {
        case .success(let text) where BagItDeclaration.isValid(text): break
        case .success: report.add(p + "/" + BagItDeclaration.fileName, "not a BagIt 1.0 UTF-8 declaration")
        case .failure(let e): report.add(p + "/" + BagItDeclaration.fileName, e.description)
        }
        guard dir.hasTagManifest else {
            report.add(dir.tagManifestPath, "missing: the segment was never closed")
            return
        }
        checkManifest(root: p, manifest: dir.tagManifestPath, requireAll: nil, into: &report)
        let payload: [String]
        do { payload = try dir.payloadFiles().map { "data/" + $0 } } catch {
            report.add(dir.dataPath, error.description)
            return
        }
        checkManifest(root: p, manifest: p + "/" + BagManifest.payloadFileName, requireAll: payload, into: &report)
        checkOxum(dir, payload: payload, into: &report)
        do { _ = try dir.description() } catch { report.add(p + "/" + SegmentDescription.fileName, error.description) }
        for rel in payload where !rel.hasPrefix("data/partial/") {
            checkStructure(p + "/" + rel, into: &report)
        }
    }

    /// Hashes every file listed in `manifest` under `root`; with `requireAll`, also demands that exactly those
    /// files are listed (BagIt: every payload file in the manifest, nothing extra).
    static func checkManifest(root: String, manifest: String, requireAll: [String]?, into report: inout VerifyReport) {
        let parsed: BagManifest
        do {
            parsed = try BagManifest.parse(try FileIO.readText(manifest))
        } catch let e as StoreError {
            report.add(manifest, e.description)
            return
        } catch {
            report.add(manifest, "\(error)")
            return
        }
        for entry in parsed.entries {
            let full = root + "/" + entry.path
            guard Posix.exists(full) else {
                report.add(full, "listed in \(lastComponent(manifest)) but missing")
                continue
            }
            do {
                let (digest, bytes) = try FileIO.sha256(full)
                report.filesChecked += 1
                report.bytesChecked += bytes
                if digest != entry.digest {
                    report.add(full, "SHA-256 \(digest) does not match \(lastComponent(manifest)) (\(entry.digest))")
                }
            } catch { report.add(full, error.description) }
        }
        if let expected = requireAll {
            let listed = Set(parsed.entries.map(\.path))
            for f in expected where !listed.contains(f) {
                report.add(root + "/" + f, "not listed in \(lastComponent(manifest))")
            }
        }
    }

    static func checkOxum(_ dir: SegmentDirectory, payload: [String], into report: inout VerifyReport) {
        let infoPath = dir.path + "/" + BagInfo.fileName
        guard let text = try? FileIO.readText(infoPath), let info = BagInfo.parse(text) else {
            report.add(infoPath, "missing or not in `Label: value` form")
            return
        }
        guard let raw = info.value(for: PayloadOxum.label), let oxum = PayloadOxum(raw) else {
            report.add(infoPath, "no valid Payload-Oxum")
            return
        }
        var bytes: Int64 = 0
        for f in payload { bytes += (try? Posix.fileSize(dir.path + "/" + f)) ?? 0 }
        if oxum != PayloadOxum(bytes: bytes, files: payload.count) {
            report.add(infoPath, "Payload-Oxum \(oxum) but data/ holds \(bytes).\(payload.count)")
        }
        if info.value(for: "Takt-Close-Reason").flatMap(SegmentCloseReason.init(rawValue:)) == nil {
            report.add(infoPath, "Takt-Close-Reason missing or unknown")
        }
    }

    /// Record structure of one payload file by kind.
    static func checkStructure(_ full: String, into report: inout VerifyReport) {
        let kind = RawFileKind(path: full)
        do {
            if kind == .mcap {
                for problem in try TimelineCheck.check(path: full).problems { report.add(full, problem) }
                return
            }
            guard kind.hasRecords else { return }
            var scanner = RawRecordScanner(kind: kind)
            try FileIO.forEachChunk(full) { scanner.consume($0) }
            let scan = scanner.finish()
            for problem in scan.problems { report.add(full, problem) }
            if scan.tailBytes > 0 && kind != .jpeg {
                report.add(
                    full, "\(scan.tailBytes) byte(s) after the last whole record at offset \(scan.validPrefixLength)")
            }
        } catch { report.add(full, error.description) }
    }
}
