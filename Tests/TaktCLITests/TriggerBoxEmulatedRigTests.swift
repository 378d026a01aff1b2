import Foundation
import Testing

/// The daemon fires a camera through the trigger box, end to end through the real libraries: `takt simulate` on
/// hw/rigs/emulated-triggerbox.json5 under `hw/emulation/triggered_rig.py --receiver`, which emulates in one umockdev
/// testbed the PTP camera (libusb), the USB-serial trigger box on /dev/ttyUSB1 and the u-blox receiver on
/// /dev/ttyUSB0 (libserialport); each pulse's exposure edge comes back as TIM-TM2 in the receiver's serial stream.
/// Faults on the way: a refused pulse, an unanswered one, line noise, a pulse without an image, a dropped mark, a
/// stray mark, and the box dropping off for 1 s.
///
/// Checked independently (scripts/peers/triggered_session.py, python-mcap) against the emulator's own log: every
/// trigger is the very image its pulse produced (byte-identical) or a reported miss with its reason; event-mark
/// exposures equal the true edge time; no mark lands on a trigger that made none; the box outage is a recorded gap.
@Suite(.serialized) struct TriggerBoxEmulatedRigTests {
    @Test func daemonFiresTheCameraThroughTheTriggerBox() throws {
        let r = try Self.runEmulatedRig(
            name: "trigger-box rig",
            emulator: [
                "--receiver", "--refuse", "2", "--garbage-after", "3", "--silent", "4", "--no-image", "6", "--drop-mark",
                "8", "--extra-mark", "10", "--drop-box-after", "12",
            ],
            rig: "hw/rigs/emulated-triggerbox.json5", seconds: 30,
            simulate: ["--edge-input", "EDGE_FIFO", "--emit-receiver", "DATA_FIFO", "--emit-pps", "PPS_FIFO"])
        func int(_ k: String) -> Int { r[k] as? Int ?? -1 }

        // Enough triggers for every scripted fault to have happened.
        #expect(int("triggers") >= 14, "\(r)")
        // Every trigger: the right image, byte for byte, or a reported miss.
        #expect((r["unexplained"] as? [Int]) == [], "\(r)")
        #expect(int("wrongImage") == 0, "\(r)")
        #expect(int("rightImage") == int("images") && int("images") >= 9, "\(r)")
        let misses = r["missesWithReason"] as? [String: String] ?? [:]
        #expect(misses["2"]?.contains("refused") == true, "\(misses)")
        #expect(misses["4"]?.contains("did not acknowledge") == true, "\(misses)")
        #expect(misses["6"]?.contains("announced no image") == true, "\(misses)")
        // Refusals and silences are misses at once: reported before the next trigger.
        #expect(r["missBeforeNextTrigger"] as? Bool == true, "\(r)")
        // Marks: every event-mark exposure is its own pulse's edge, to the nanosecond of truth (≤ 1 µs asked).
        let errors = r["markErrorsNs"] as? [Int] ?? []
        #expect(!errors.isEmpty && errors.allSatisfy { abs($0) <= 1_000 }, "\(r)")
        #expect(int("eventMark") == int("marksExpected"), "\(r)")
        #expect(int("markOnWrongTrigger") == 0 && int("extraEdgeAssigned") == 0, "\(r)")
        // The dropped mark and the stray one are both reported.
        let anomalies = r["anomalies"] as? [String] ?? []
        #expect(anomalies.contains { $0.contains("unexpectedMark") }, "\(anomalies)")
        #expect(anomalies.contains { $0.contains("seq: 8") || $0.contains("counterSlip") }, "\(anomalies)")
        // Line noise is counted, and the box's outage is a recorded gap closed within 2 s of its return.
        #expect(int("garbageLines") >= 4 && int("unexpectedAcks") >= 1, "\(r)")
        let kinds = (r["boxEvents"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("gap-start") && kinds.contains("gap-end"), "\(kinds)")
        let recovery = try #require(r["gapEndAfterBoxBackMs"] as? Double, "\(r)")
        #expect(recovery <= 2_000, "\(r)")
    }

    /// The camera itself unplugged and replugged (libusb hot-plug) while the box keeps firing it: the pulse whose
    /// image was lost is a reported miss, later images still land on their own triggers, and the outage is recorded.
    /// Without the emulated receiver (a third umockdev ioctl device made the preload fail to connect to the replugged
    /// camera's socket), so marks come from the simulated receiver here.
    @Test func cameraReplugWhileTheBoxFires() throws {
        let r = try Self.runEmulatedRig(
            // RAW+JPEG: a DNG twin is announced before each JPEG; only the JPEG may become the trigger's image.
            name: "trigger-box rig, camera replug", emulator: ["--unplug-camera-after", "4", "--raw-twin"],
            rig: "hw/rigs/sim-triggerbox.json5", seconds: 15, simulate: ["--edge-input", "EDGE_FIFO"])
        func int(_ k: String) -> Int { r[k] as? Int ?? -1 }

        #expect(int("triggers") >= 6, "\(r)")
        #expect((r["unexplained"] as? [Int]) == [], "\(r)")
        #expect(int("wrongImage") == 0 && int("rightImage") == int("images"), "\(r)")
        #expect(int("images") > 4, "images after the replug: \(r)")
        #expect(int("markOnWrongTrigger") == 0, "\(r)")
        #expect((r["cameraEvents"] as? [String]) == ["gap-start", "camera-connected"], "\(r)")
        let gap = try #require(r["cameraRecordedGapMs"] as? Double, "\(r)")
        let outage = try #require(r["cameraOutageMs"] as? Double, "\(r)")
        #expect(gap <= outage + 2_000, "recovered within 2 s of the replug: \(r)")
    }

    /// Runs `takt simulate` on `rig` for `seconds` under hw/emulation/triggered_rig.py with the `emulator` options,
    /// then the independent peer check (scripts/peers/triggered_session.py, python-mcap) on the emulator's log,
    /// its captures and the session; returns the peer's findings.
    static func runEmulatedRig(
        name: String, emulator: [String], rig: String, seconds: Int, simulate: [String]
    ) throws -> [String: Any] {
        let root = USBProbeEmulationTests.repoRoot
        let takt = try USBProbeEmulationTests.taktExecutable()
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("takt-trigbox-\(UUID().uuidString)")
        let captures = tmp.appendingPathComponent("captures")
        let sessions = tmp.appendingPathComponent("sessions")
        try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }

        let run = try SimulateEmulatedCameraTests.run(
            "/usr/bin/python3",
            [root.appendingPathComponent("hw/emulation/triggered_rig.py").path, "--out-dir", captures.path] + emulator
                + [
                    "--", takt, "simulate", "--rig", root.appendingPathComponent(rig).path, "--duration", "\(seconds)",
                    "--output", sessions.path, "--socket", tmp.appendingPathComponent("t.sock").path,
                ] + simulate)
        try #require(run.status == 0, "emulator/simulate failed: \(run.stderr.suffix(3000))")
        let log = tmp.appendingPathComponent("emulator.jsonl")
        try run.stdout.write(to: log, atomically: true, encoding: .utf8)
        let check = try SimulateEmulatedCameraTests.run("python3", [
            root.appendingPathComponent("scripts/peers/triggered_session.py").path, log.path, captures.path,
            sessions.path,
        ])
        try #require(check.status == 0, "\(check.stderr)")
        print("\(name): \(check.stdout)")
        return try #require(
            try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any], "\(check.stdout)")
    }
}
