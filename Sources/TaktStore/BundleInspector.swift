import TaktCore

/// Summarises a session or one segment for `takt inspect`. Closed segments are described from `segment.json`;
/// open ones (recording, or crashed) are scanned so the operator sees what recovery would keep.
public enum BundleInspector {
    public static func inspect(path: String) throws(StoreError) -> InspectReport {
        if SegmentDirectory.isSession(path) {
            let session = BundleRecovery.sessionDescription(path)
            let segments = try SegmentDirectory.all(inSession: path).map { (d) throws(StoreError) in try summarise(d) }
            let open = Posix.exists(path + "/" + SessionWriter.lockFileName)
            return report(
                path: path, sessionId: session?.sessionId, vehicleId: session?.vehicleId,
                state: open ? "open" : "closed", segments: segments)
        }
        guard Posix.exists(path + "/" + BagItDeclaration.fileName) || Posix.isDirectory(path + "/data") else {
            throw .invalidBundle(path: path, reason: "neither a Takt session nor a segment")
        }
        let seg = try summarise(SegmentDirectory(path: path))
        let lock = SegmentDirectory(path: path).lock()
        let sessionId = (try? SegmentDirectory(path: path).description().sessionId) ?? lock?.sessionId
        return report(path: path, sessionId: sessionId, vehicleId: nil, state: seg.state, segments: [seg])
    }

    static func report(
        path: String, sessionId: String?, vehicleId: String?, state: String, segments: [InspectReport.Segment]
    ) -> InspectReport {
        var gaps: [InspectReport.Gap] = []
        for (a, b) in zip(segments, segments.dropFirst()) {
            guard let end = a.end, let start = b.start, start.gpsNanoseconds > end.gpsNanoseconds else { continue }
            gaps.append(
                .init(
                    afterSegment: a.index, beforeSegment: b.index, from: end, to: start,
                    nanoseconds: start.gpsNanoseconds - end.gpsNanoseconds))
        }
        let losses = segments.flatMap { s in s.losses.map { InspectReport.Loss(segment: s.index, loss: $0) } }
        return InspectReport(
            path: path, sessionId: sessionId, vehicleId: vehicleId, state: state,
            start: segments.compactMap(\.start).min(), end: segments.compactMap(\.end).max(),
            bytes: segments.reduce(0) { $0 + $1.bytes }, segments: segments,
            streams: merge(segments.flatMap(\.streams)), gaps: gaps, losses: losses)
    }

    static func summarise(_ dir: SegmentDirectory) throws(StoreError) -> InspectReport.Segment {
        if dir.isClosed, let d = try? dir.description() {
            let streams = merge(
                d.files.map {
                    InspectReport.Stream(
                        path: streamKey($0.path, kind: $0.kind), kind: $0.kind, files: 1, bytes: $0.bytes,
                        records: $0.records, firstTime: $0.firstTime, lastTime: $0.lastTime)
                })
            return .init(
                index: d.segmentIndex, path: dir.path, state: "closed", closeReason: d.closeReason, start: d.start,
                end: d.end, bytes: d.files.reduce(0) { $0 + $1.bytes }, streams: streams, losses: d.losses)
        }
        let lock = dir.lock()
        let leap = lock?.leapSeconds ?? GPSTime.defaultLeapSeconds
        var streams: [InspectReport.Stream] = []
        for rel in try dir.payloadFiles() {
            let kind = RawFileKind(path: rel)
            if kind == .mcap {
                let size = try Posix.fileSize(dir.dataPath + "/" + rel)
                let messages = (try? TimelineCheck.check(path: dir.dataPath + "/" + rel).messages) ?? 0
                streams.append(
                    .init(
                        path: "data/" + rel, kind: kind, files: 1, bytes: size, records: messages, firstTime: nil,
                        lastTime: nil))
                continue
            }
            var scanner = RawRecordScanner(kind: kind)
            try FileIO.forEachChunk(dir.dataPath + "/" + rel) { scanner.consume($0) }
            let scan = scanner.finish()
            let toInstant = { (ns: Int64) in
                BundleInstant(GPSTime(unixUTCNanoseconds: ns, leapSeconds: leap), leapSeconds: leap)
            }
            streams.append(
                .init(
                    path: streamKey("data/" + rel, kind: kind), kind: kind, files: 1, bytes: scan.totalLength,
                    records: scan.records, firstTime: scan.firstTimestampUnixNanoseconds.map(toInstant),
                    lastTime: scan.lastTimestampUnixNanoseconds.map(toInstant)))
        }
        let merged = merge(streams)
        return .init(
            index: lock?.segmentIndex ?? dir.indexFromName ?? -1, path: dir.path, state: "open", closeReason: nil,
            start: lock?.start, end: nil, bytes: streams.reduce(0) { $0 + $1.bytes }, streams: merged, losses: [])
    }

    /// Images are one file each; group them per directory so a camera is one stream.
    static func streamKey(_ path: String, kind: RawFileKind) -> String {
        guard kind == .jpeg, let slash = path.lastIndex(of: "/") else { return path }
        return path[..<slash] + "/*.jpg"
    }

    static func merge(_ streams: [InspectReport.Stream]) -> [InspectReport.Stream] {
        var byKey: [String: InspectReport.Stream] = [:]
        for s in streams {
            guard var m = byKey[s.path] else {
                byKey[s.path] = s
                continue
            }
            m.files += s.files
            m.bytes += s.bytes
            m.records += s.records
            m.firstTime = [m.firstTime, s.firstTime].compactMap { $0 }.min()
            m.lastTime = [m.lastTime, s.lastTime].compactMap { $0 }.max()
            byKey[s.path] = m
        }
        return byKey.keys.sorted().compactMap { byKey[$0] }
    }
}
