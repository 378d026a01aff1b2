import Foundation
import Glibc
import TaktCore
import TaktDaemon
import TaktStore

/// `takt simulate` recording onto a 16 MiB tmpfs that another process fills while it records: either down to
/// just above the rig's reserve (the disk guard must stop recording) or completely (ENOSPC or the guard, whichever
/// comes first). Either way recording must stop cleanly with a clear message, the daemon keep answering, and the
/// session verify.
struct DiskFullRun {
    let name: String
    let reserveBytes: Int64
    let fillCompletely: Bool
    let takt: String

    struct Outcome: Sendable {
        var problems: [String] = []
        var summary = ""
    }

    func execute() -> Outcome {
        var o = Outcome()
        do { try run(&o) } catch { o.problems.append("\(error)") }
        return o
    }

    private func run(_ o: inout Outcome) throws {
        let scratch = try Resilience.scratch(name)
        let fs = try SmallFilesystem(at: scratch + "/mnt", megabytes: 16)
        var keep = false
        defer {
            fs.unmount()
            if !keep { try? FileManager.default.removeItem(atPath: scratch) }
        }
        let socket = scratch + "/t.sock"
        let rig = scratch + "/rig.json5"
        try Resilience.writeSimRig(to: rig, output: fs.path, socket: socket, reserveBytes: reserveBytes)
        let daemon = try DaemonProcess(
            executable: takt, arguments: ["simulate", "--rig", rig, "--duration", "120"],
            logPath: scratch + "/takt.log",
            marker: scratch)
        defer { daemon.killGroup() }
        let client = ControlClient(path: socket, timeoutSeconds: 2)
        func status() -> StatusSnapshot? { try? client.send(ControlRequest(command: .status)).status }

        guard wait(seconds: 40, until: { status()?.recording.state == .recording }) else {
            o.problems.append("never started recording; log:\n\(daemon.log)")
            keep = true
            return
        }
        Resilience.sleep(seconds: 2)
        if fillCompletely {
            try fs.fillCompletely("filler")
        } else {
            try fs.fill("filler", leaving: reserveBytes + 96 * 1024)
        }
        let filledAt = Resilience.monotonicSeconds()
        var stopped: StatusSnapshot?
        _ = wait(seconds: 40) {
            stopped = status()
            return stopped?.recording.state == .stoppedDiskLow || stopped?.recording.state == .failed
        }
        guard let s = stopped, s.recording.state == .stoppedDiskLow else {
            o.problems.append(
                "recording did not stop as stopped-disk-low: \(String(describing: stopped?.recording)); log:\n\(daemon.log)"
            )
            keep = true
            return
        }
        let reason = s.recording.reasons.joined(separator: "; ")
        o.summary = String(
            format: "stopped %.1f s after the fill: %@; warnings %@; free %lld of reserve %lld",
            Resilience.monotonicSeconds() - filledAt, reason, s.warnings.description, s.disk?.availableBytes ?? -1,
            s.disk?.reserveBytes ?? -1)
        if !(reason.contains("disk low") || reason.contains("disk full")) {
            o.problems.append("the stop reason does not say why in words: \(reason)")
        }
        // Still alive and answering after the stop.
        if status() == nil { o.problems.append("daemon stopped answering after the disk stop") }
        daemon.signal(SIGTERM)
        let code = daemon.waitExit(timeoutSeconds: 60)
        let log = daemon.log
        if code != 0 {
            o.problems.append("takt simulate exited \(code.map(String.init) ?? "nothing (hung)"); log:\n\(log)")
        }
        if !log.contains("recording stopped") { o.problems.append("no operator message in the log:\n\(log)") }
        if !log.contains("verify: OK") { o.problems.append("takt's own verify did not pass:\n\(log)") }
        try judge(fs: fs, scratch: scratch, &o)
        if !o.problems.isEmpty { keep = true }
    }

    private func judge(fs: SmallFilesystem, scratch: String, _ o: inout Outcome) throws {
        let sessions = Resilience.sessionDirectories(fs.path)
        guard sessions.count == 1, let session = sessions.first else {
            o.problems.append("expected one session, found \(sessions)")
            return
        }
        if Resilience.exists(session + "/session.lock") { o.problems.append("session not closed") }
        if Resilience.exists(fs.path + "/.takt-emergency-space") { o.problems.append("emergency space not released") }
        let report = BundleVerifier.verify(path: session)
        if !report.isSound { o.problems.append("session does not verify: \(report.problems)") }
        guard let last = Resilience.segmentDirectories(session).last else { return }
        let info = (try? String(contentsOfFile: last + "/bag-info.txt", encoding: .utf8)) ?? ""
        if !info.contains("Takt-Close-Reason: disk_low") { o.problems.append("last segment's close reason: \(info)") }
        o.problems += try SegmentPeers.check(segment: last, scratch: scratch)
        // The stop is on the timeline too: one disk-low event on /events across the session (python-mcap).
        let script = """
            import sys
            from mcap.reader import make_reader
            n = 0
            for p in sys.argv[1:]:
                with open(p, 'rb') as f:
                    n += sum(1 for _, c, m in make_reader(f).iter_messages(topics=['/events']) if b'disk-low' in m.data)
            print(n)
            """
        let timelines = Resilience.segmentDirectories(session).map { $0 + "/data/timeline.mcap" }
        let r = try Resilience.run(["python3", "-c", script] + timelines)
        if r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) != "1" {
            o.problems.append("expected one disk-low event on /events, python-mcap found: \(r.stdout)\(r.stderr)")
        }
        let losses = info.split(separator: "\n").filter { $0.hasPrefix("Takt-Loss") }
        o.summary += "; \(Resilience.segmentDirectories(session).count) segment(s), losses \(losses)"
        if !fillCompletely && fs.available < reserveBytes {
            o.problems.append("recording ate into the reserve: \(fs.available) bytes free, reserve \(reserveBytes)")
        }
    }

    private func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Resilience.monotonicSeconds() + seconds
        while Resilience.monotonicSeconds() < deadline {
            if condition() { return true }
            Resilience.sleep(seconds: 0.1)
        }
        return false
    }
}
