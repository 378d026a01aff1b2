import Foundation
import Glibc
import TaktCore
import TaktDaemon
import TaktStore

/// One crash iteration: record with `takt simulate`, SIGKILL it at a planned moment, then judge what is on disk
/// before and after `takt recover`. Runs on a plain thread; problems are collected, not recorded, so the test
/// reports them with the iteration's context.
struct CrashRun {
    let index: Int
    /// Seconds after recording started at which takt is killed.
    let killAfter: Double
    let takt: String

    struct Outcome: Sendable {
        var index: Int
        var killAfter: Double
        var problems: [String] = []
        var segmentsClosedBeforeKill = 0
        var segmentsRecovered = 0
        /// Age at the kill of the first NAV-PVT epoch missing from the recovered bundle (≤ 0: nothing missing).
        var lostSeconds: Double?
        var recoveredRawx = 0
        var scratch = ""
    }

    /// NAV-PVT comes at 5 Hz in the simulator: the epoch after the last one recorded is the first missing one.
    static let navPVTPeriod = 0.2

    func execute() -> Outcome {
        var o = Outcome(index: index, killAfter: killAfter)
        do {
            try run(&o)
        } catch {
            o.problems.append("\(error)")
        }
        if o.problems.isEmpty { try? FileManager.default.removeItem(atPath: o.scratch) }
        return o
    }

    private func run(_ o: inout Outcome) throws {
        let dir = try Resilience.scratch("crash\(index)")
        o.scratch = dir
        let out = dir + "/out"
        let socket = dir + "/t.sock"
        let daemon = try DaemonProcess(
            executable: takt,
            arguments: [
                "simulate", "--rig", Resilience.repoRoot + "/hw/rigs/sim.json5", "--duration", "0", "--output", out,
                "--socket", socket,
            ], logPath: dir + "/takt.log", marker: out)
        defer { daemon.killGroup() }
        let client = ControlClient(path: socket, timeoutSeconds: 2)

        // Wait for recording, then poll status until the kill moment.
        var started: Double?
        let deadline = Resilience.monotonicSeconds() + 40
        while started == nil && Resilience.monotonicSeconds() < deadline {
            if let s = try? client.send(ControlRequest(command: .status)).status, s.recording.state == .recording {
                started = Resilience.monotonicSeconds()
            } else {
                Resilience.sleep(seconds: 0.05)
            }
        }
        guard let start = started else {
            o.problems.append("takt never started recording within 40 s; log:\n\(daemon.log)")
            return
        }
        let killAt = start + killAfter
        while Resilience.monotonicSeconds() < killAt - 0.12 {
            _ = try? client.send(ControlRequest(command: .status))
            Resilience.sleep(seconds: min(0.1, killAt - 0.12 - Resilience.monotonicSeconds()))
        }
        // The kill time on the GPS time base: the daemon's own reading, plus the host time since we asked for it
        // (an overestimate of the kill time, so the loss below is never flattered).
        let asked = Resilience.monotonicSeconds()
        let last = try? client.send(ControlRequest(command: .status))
        daemon.signal(SIGKILL)
        let killed = Resilience.monotonicSeconds()
        let orphans = daemon.peersStillAlive(afterSeconds: 5)
        if !orphans.isEmpty {
            o.problems.append("gpsfake/gpsd outlived the SIGKILLed takt by 5 s: pids \(orphans)")
        }
        daemon.killGroup()
        guard let gpsAtAsk = last?.status?.time.gpsTime else {
            o.problems.append("no status (with GPS time) just before the kill; log:\n\(daemon.log)")
            return
        }
        let killGPS = gpsAtAsk + .nanoseconds(Int64((killed - asked) * 1e9))

        let sessions = Resilience.sessionDirectories(out)
        guard sessions.count == 1, let session = sessions.first else {
            o.problems.append("expected one session in \(out), found \(sessions)")
            return
        }
        try judge(session: session, killGPS: killGPS, scratch: dir, &o)
    }

    private func judge(session: String, killGPS: GPSTime, scratch: String, _ o: inout Outcome) throws {
        // Before recovery: every closed segment verifies on its own.
        var open: [String] = []
        for seg in Resilience.segmentDirectories(session) {
            let closed = Resilience.exists(seg + "/tagmanifest-sha256.txt") && !Resilience.exists(seg + "/.lock")
            if closed {
                o.segmentsClosedBeforeKill += 1
                let report = BundleVerifier.verify(path: seg)
                if !report.isSound { o.problems.append("closed segment \(seg) does not verify: \(report.problems)") }
            } else {
                open.append(seg)
            }
        }
        let recover = try Resilience.run([takt, "recover", session])
        if recover.status != 0 {
            o.problems.append("takt recover \(session) exited \(recover.status): \(recover.stdout)\(recover.stderr)")
            return
        }
        o.segmentsRecovered = open.count
        let whole = BundleVerifier.verify(path: session)
        if !whole.isSound { o.problems.append("session does not verify after recovery: \(whole.problems)") }
        for seg in open {
            let info = (try? String(contentsOfFile: seg + "/bag-info.txt", encoding: .utf8)) ?? ""
            if !info.contains("Takt-Close-Reason: recovered") && !Resilience.exists(seg + "/.lock") {
                // A segment killed after its tagmanifest but before `.lock` went is complete as it was.
                if !info.contains("Takt-Close-Reason:") { o.problems.append("\(seg): no close reason after recovery") }
            }
            o.problems += try SegmentPeers.check(segment: seg, scratch: scratch)
            if let ubx = ubxFile(seg) { o.recoveredRawx += try UBXScan(path: ubx).rawxFrames }
        }
        // Loss: the first NAV-PVT epoch after the last one on disk must be at most ~1 s older than the kill.
        var lastPVT: GPSTime?
        for seg in Resilience.segmentDirectories(session) {
            guard let ubx = ubxFile(seg) else { continue }
            if let t = try UBXScan(path: ubx).lastNavPVT, lastPVT.map({ t > $0 }) ?? true { lastPVT = t }
        }
        guard let lastPVT else {
            o.problems.append("no NAV-PVT recorded at all in \(session)")
            return
        }
        let firstMissing = lastPVT + .milliseconds(Int64(Self.navPVTPeriod * 1000))
        o.lostSeconds =
            Double((killGPS - firstMissing).components.attoseconds) / 1e18
            + Double((killGPS - firstMissing).components.seconds)
    }

    private func ubxFile(_ segment: String) -> String? {
        let p = segment + "/data/gnss/ubx0.ubx"
        return Resilience.exists(p) ? p : nil
    }
}
