import Foundation
import TaktCore
import TaktStore

/// The writer thread's state and loop. Only the writer thread touches it.
struct RecorderLoop {
    let configuration: Recorder.Configuration
    let now: Recorder.Now
    let notice: Recorder.Notice
    let queue: BlockingQueue<Recorder.Entry>

    private var state: RecordingState = .stopped
    private var reasons: [String] = ["not started"]
    private var session: SessionWriter?
    private var segment: SegmentWriter?
    private var timeline: SegmentTimeline?
    private var segmentEnd: GPSTime?
    private var segmentsClosed = 0
    private var marks = 0
    private var bytesWrittenClosed: Int64 = 0
    private var lastSync: MonotonicInstant?
    private var dropsAtSegmentStart: Int64 = 0
    /// Sensor counters when the open segment started, for its share at close.
    private var countersAtSegmentStart: [String: [String: Int64]] = [:]
    private var pausedItems = 0
    private var running = true
    private var emergencySpace: EmergencySpace
    /// A segment opened at a rotation whose start failed; closed (empty) when recording stops.
    private var unstarted: (SegmentWriter, SegmentTimeline)?

    init(configuration: Recorder.Configuration, now: @escaping Recorder.Now, notice: @escaping Recorder.Notice,
         queue: BlockingQueue<Recorder.Entry>) {
        self.configuration = configuration
        self.now = now
        self.notice = notice
        self.queue = queue
        emergencySpace = EmergencySpace(
            directory: configuration.outputDirectory, bytes: configuration.emergencySpaceBytes)
    }

    mutating func run(publish: (RecordingStatus, Int64) -> Void) {
        let interval = Double(configuration.syncInterval.nanoseconds) / 1e9
        while running {
            // Wake for the next sync deadline, not on a coarse grid: a crash must lose at most `syncInterval`.
            var wait = min(0.25, interval / 2)
            if let last = lastSync {
                let due = interval - Double(now().0.nanoseconds - last.nanoseconds) / 1e9
                wait = max(0.001, min(wait, due))
            }
            let batch = queue.popAll(timeout: wait)
            for entry in batch {
                switch entry {
                case .item(let item): write(item)
                case .command(let c): handle(c)
                }
                if !running { break }
            }
            let (mono, t) = now()
            if let last = lastSync, Double(mono.nanoseconds - last.nanoseconds) / 1e9 < interval {
                // not yet
            } else {
                tick(mono: mono, time: t)
            }
            publish(status(), bytesWritten)
        }
        publish(status(), bytesWritten)
    }

    private var bytesWritten: Int64 { bytesWrittenClosed + (segment?.payloadBytes ?? 0) }

    private func status() -> RecordingStatus {
        RecordingStatus(
            state: state, ok: state == .recording, reasons: state == .recording ? [] : reasons,
            sessionPath: session?.path, segmentIndex: segment?.index, segmentsClosed: segmentsClosed,
            bytesWritten: bytesWritten, marks: marks)
    }

    // MARK: Commands

    private mutating func handle(_ command: RecorderCommand) {
        switch command {
        case .start:
            guard state != .recording else { return }
            if state == .paused {
                resume()
            } else {
                startSession()
            }
        case .resume:
            if state == .paused { resume() }
        case .pause:
            guard state == .recording else { return }
            closeSegment(reason: .stopped, notes: ["paused by operator"])
            state = .paused
            reasons = ["paused by operator"]
        case .stop:
            stopSession(reason: .stopped, state: .stopped, why: "stopped by operator")
        case .mark(let text):
            marks += 1
            let (_, t) = now()
            let msg = EventMessage(time: t, kind: "mark", source: "operator", message: text)
            if let json = try? TimelineJSON.encode(msg) {
                write(.timeline(topic: "/events", schema: .event, time: t, json: json))
            }
        case .diskLow(let avail):
            stopForDisk("disk low: \(avail) bytes free; recording stopped before the disk filled", source: "disk-guard")
        case .shutdown:
            if state == .recording || state == .paused {
                stopSession(reason: .stopped, state: .stopped, why: "daemon shut down")
            }
            running = false
        }
    }

    /// Stops because the disk is (nearly) full: records why on `/events`, makes one more attempt to sync the
    /// open segment, drops (as listed losses) what still does not fit, except the timeline, then frees the
    /// emergency space so the MCAP summary, the tag files and the session manifest fit, and closes.
    private mutating func stopForDisk(_ text: String, source: String) {
        guard state == .recording || state == .paused else { return }
        let (_, t) = now()
        if let json = try? TimelineJSON.encode(EventMessage(time: t, kind: "disk-low", source: source, message: text)) {
            timeline?.add(topic: "/events", schema: .event, time: t, json: json)
        }
        if let seg = segment {
            do {
                try timeline?.flush(into: seg)
                try seg.syncAll()
            } catch {
                let why = error.isOutOfSpace ? "disk full (ENOSPC/EDQUOT)" : "\(error)"
                seg.discardPending(keeping: [SegmentTimeline.file], reason: "not written before the stop: \(why)")
            }
        }
        emergencySpace.release()
        stopSession(reason: .diskLow, state: .stoppedDiskLow, why: text)
        notice(text)
    }

    private mutating func holdEmergencySpace() {
        if let problem = emergencySpace.reserve() {
            notice("no emergency space for closing on a full disk: \(problem)")
        }
    }

    private mutating func startSession() {
        let (mono, t) = now()
        do {
            let s = try SessionWriter.create(
                outputDirectory: configuration.outputDirectory,
                configuration: .init(
                    vehicleId: configuration.vehicleId, start: t.stamp.gps, leapSeconds: t.leapSeconds,
                    rigFileBytes: configuration.rigFileBytes, sensorMetadata: configuration.sensorMetadata,
                    segmentSeconds: configuration.segmentSeconds, segmentMaxBytes: configuration.segmentMaxBytes))
            session = s
            holdEmergencySpace()
            try openSegment(start: t.stamp.gps, time: t)
            state = .recording
            reasons = []
            lastSync = mono
            notice("recording session \(s.path) (time \(t.stamp.provenance.rawValue))")
        } catch {
            fail("cannot start session in \(configuration.outputDirectory): \(error)")
        }
    }

    private mutating func resume() {
        let (mono, t) = now()
        do {
            try openSegment(start: t.stamp.gps, time: t)
            state = .recording
            reasons = []
            lastSync = mono
        } catch {
            fail("cannot resume: \(error)")
        }
    }

    private mutating func stopSession(reason: SegmentCloseReason, state newState: RecordingState, why: String) {
        reasons = [why]
        closeUnstarted(reason: reason)
        closeSegment(reason: reason, notes: [why])
        if let s = session {
            do {
                try s.finish()
            } catch {
                // E.g. a segment directory half-created by a rotation that hit ENOSPC, or a segment whose close
                // failed: recovery closes whatever is left open, exactly as after a crash.
                do {
                    let report = try BundleRecovery.recover(sessionPath: s.path)
                    notice(
                        "session close failed (\(error)); recovered \(report.segments.count) segment(s) and closed it")
                } catch let recoveryError {
                    notice("session close failed (run `takt recover \(s.path)`): \(error); recovery: \(recoveryError)")
                }
            }
        }
        session = nil
        emergencySpace.release()
        state = newState
        reasons = [why]
    }

    private mutating func fail(_ why: String) {
        notice(why)
        state = .failed
        reasons = [why]
    }

    // MARK: Segments

    /// The first GPS-second boundary that is a multiple of the segment length strictly after `t`.
    private func nextBoundary(after t: GPSTime) -> GPSTime {
        let len = Int64(configuration.segmentSeconds) * GPSTime.nanosecondsPerSecond
        let n = t.nanosecondsSinceEpoch
        let q = n >= 0 ? n / len : (n - len + 1) / len
        return GPSTime(nanosecondsSinceEpoch: (q + 1) * len)
    }

    private mutating func openSegment(start: GPSTime, time: TimelineTime) throws(StoreError) {
        guard let s = session else { return }
        let seg: SegmentWriter
        do {
            seg = try s.openNext(start: start)
        } catch {
            removeHalfCreatedSegment(in: s)
            throw error
        }
        var tl = SegmentTimeline(
            sessionId: s.sessionId, segmentIndex: seg.index, vehicleId: configuration.vehicleId,
            rigBytes: configuration.rigFileBytes, rigName: configuration.rigFileName, at: time)
        do {
            try tl.flush(into: seg)
            for (name, bytes) in configuration.sensorMetadata where name.hasPrefix("lidar-") {
                try seg.writeWholeFile(bytes, to: "lidar/" + name, time: start)
            }
        } catch {
            // Opened but not started (disk full): the current segment stays current; this one is closed, empty,
            // when recording stops, so the session still closes.
            unstarted = (seg, tl)
            throw error
        }
        let previous = segment
        let previousTimeline = timeline
        segment = seg
        timeline = tl
        segmentEnd = nextBoundary(after: start)
        // The previous segment's share of drops and sensor losses ends where this one's begins.
        let baseline = (drops: dropsAtSegmentStart, counters: countersAtSegmentStart)
        dropsAtSegmentStart = queue.dropped
        countersAtSegmentStart = configuration.sensorCounters?() ?? [:]
        // Close the previous segment only now that the next one is open: no sample can fall between them.
        if let previous, var ptl = previousTimeline {
            finishAndClose(
                previous, timeline: &ptl, reason: .rotated, end: start, notes: [], baseline: baseline,
                upTo: (dropsAtSegmentStart, countersAtSegmentStart))
        }
    }

    /// Removes the directory a failed `openNext` left behind (e.g. `.lock` could not be written on a full disk),
    /// so the session's segments stay a closed, gap-free sequence. Only an empty, unclosed, non-current one.
    private func removeHalfCreatedSegment(in s: SessionWriter) {
        let fm = FileManager.default
        let dir = s.path + "/segments"
        let names = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
        guard let last = names.filter({ Int($0) != nil }).max() else { return }
        let path = dir + "/" + last
        guard path != segment?.path, !fm.fileExists(atPath: path + "/" + BagManifest.tagFileName),
            ((try? fm.contentsOfDirectory(atPath: path + "/data")) ?? []).isEmpty
        else { return }
        try? fm.removeItem(atPath: path)
    }

    /// Closes a segment that was opened at a rotation but could not be started.
    private mutating func closeUnstarted(reason: SegmentCloseReason) {
        guard let (seg, startedTimeline) = unstarted else { return }
        unstarted = nil
        var tl = startedTimeline
        let note = "opened at a rotation but never started: \(reasons.first ?? "write failed")"
        finishAndClose(seg, timeline: &tl, reason: reason, end: seg.start, notes: [note])
    }

    private mutating func closeSegment(reason: SegmentCloseReason, notes: [String]) {
        guard let seg = segment, var tl = timeline else { return }
        let (_, t) = now()
        finishAndClose(seg, timeline: &tl, reason: reason, end: t.stamp.gps, notes: notes)
        segment = nil
        timeline = nil
        segmentEnd = nil
    }

    private mutating func finishAndClose(
        _ seg: SegmentWriter, timeline tl: inout SegmentTimeline, reason: SegmentCloseReason, end: GPSTime,
        notes: [String], baseline: (drops: Int64, counters: [String: [String: Int64]])? = nil,
        upTo: (drops: Int64, counters: [String: [String: Int64]])? = nil
    ) {
        var losses: [SegmentLoss] = []
        let from = baseline ?? (dropsAtSegmentStart, countersAtSegmentStart)
        let to = upTo ?? (queue.dropped, configuration.sensorCounters?() ?? [:])
        let drops = to.drops - from.drops
        if drops > 0 {
            losses.append(SegmentLoss(path: "recorder-queue", bytes: 0, records: Int(drops), reason: "writer queue full"))
        }
        var allNotes = notes
        let share = SensorLossShare(before: from.counters, after: to.counters)
        losses += share.losses
        allNotes += share.notes
        if pausedItems > 0 {
            allNotes.append("\(pausedItems) item(s) not recorded while paused")
            pausedItems = 0
        }
        do {
            try tl.finish(into: seg)
        } catch {
            allNotes.append("timeline not finished: \(error)")
        }
        do {
            let size = seg.payloadBytes
            try seg.close(reason: reason, info: .init(end: end, losses: losses, notes: allNotes))
            bytesWrittenClosed += size
            segmentsClosed += 1
        } catch {
            notice("closing segment \(seg.path) failed; `takt recover` will close it: \(error)")
        }
    }

    private mutating func rotate(at boundary: GPSTime, time: TimelineTime) {
        do {
            try openSegment(start: boundary, time: time)
        } catch {
            handleWriteError(error)
        }
    }

    // MARK: Writing

    private mutating func write(_ item: RecordItem) {
        guard state == .recording, let seg = segment else {
            if state == .paused { pausedItems += 1 }
            return
        }
        let t = item.gpsTime
        if let end = segmentEnd, t >= end {
            let (_, nowT) = now()
            rotate(at: end, time: nowT)
        } else if seg.payloadBytes >= configuration.segmentMaxBytes {
            let (_, nowT) = now()
            rotate(at: max(t, seg.start), time: nowT)
        }
        guard let seg = segment else { return }
        do {
            try writeWithoutRotation(item, to: seg)
        } catch {
            handleWriteError(error)
        }
    }

    private mutating func writeWithoutRotation(_ item: RecordItem, to seg: SegmentWriter) throws(StoreError) {
        switch item {
        case .timeline(let topic, let schema, let time, let json):
            timeline?.add(topic: topic, schema: schema, time: time, json: json)
        case .raw(let file, let bytes, let records, let time):
            try seg.append(bytes, to: file, records: records, time: time)
        case .packet(let file, let datagram, let time):
            _ = try seg.appendPcap(datagram, to: file, time: time)
        case .wholeFile(let file, let bytes, let time):
            try seg.writeWholeFile(bytes, to: file, time: time)
        case .group(let items):
            for i in items { try writeWithoutRotation(i, to: seg) }
        }
    }

    private mutating func tick(mono: MonotonicInstant, time: TimelineTime) {
        lastSync = mono
        guard state == .recording else { return }
        if let end = segmentEnd, time.stamp.gps >= end {
            rotate(at: end, time: time)
        }
        guard let seg = segment else { return }
        do {
            try timeline?.flush(into: seg)
            try seg.syncAll()
        } catch {
            handleWriteError(error)
        }
    }

    private mutating func handleWriteError(_ error: StoreError) {
        if error.isOutOfSpace {
            stopForDisk(
                "disk full, recording stopped: \(error); unsynced data that cannot be written is listed as lost in "
                    + "segment.json", source: "recorder")
        } else {
            let why = "write failed, recording stopped: \(error)"
            reasons = [why]
            closeUnstarted(reason: .stopped)
            closeSegment(reason: .stopped, notes: [why])
            if let s = session { try? s.finish() }
            session = nil
            emergencySpace.release()
            fail(why)
        }
    }
}
