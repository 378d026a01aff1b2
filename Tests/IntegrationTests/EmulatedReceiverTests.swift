import Foundation
import TaktStore
import Testing

/// The raw receiver path on the emulated rig: bytes from the simulator's u-blox stream cross a umockdev tty, the
/// tty line discipline and libserialport; PPS crosses DCD and TIOCMIWAIT. Checked with independent peers
/// (scripts/peers/emulated_session.py: pyubx2, RTKLIB convbin, python-mcap).
@Suite(.serialized) struct EmulatedReceiverTests {
    @Test func rawStreamPPSAndClockThroughTheEmulatedTty() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: TestRig.takt.path), "build takt first: swift build")
        let dir = try TestEnvironment.temporaryDirectory("emulated")
        defer { try? FileManager.default.removeItem(at: dir) }
        let transcriptURL = dir.appendingPathComponent(".emulator.jsonl")
        #expect(FileManager.default.createFile(atPath: transcriptURL.path, contents: nil))
        let transcript = try FileHandle(forWritingTo: transcriptURL)
        let process = try TestRig.emulated.start(
            output: dir, socket: dir.appendingPathComponent("takt.sock"), seconds: 30, transcript: transcript)
        process.waitUntilExit()
        try transcript.close()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "emulator or simulate failed")

        // The emulator's own account: everything the simulator produced reached the tty, every pulse raised DCD.
        let lines = try String(contentsOf: transcriptURL, encoding: .utf8).split(separator: "\n")
        let done = try #require(
            lines.compactMap { Self.object(String($0)) }.last { $0["harness"] as? String == "done" },
            "no summary from the emulator")
        let bytesToTty = done["bytesToTty"] as? Int ?? 0
        let pulses = done["pulses"] as? Int ?? 0
        #expect(done["helperExit"] as? Int == 0)
        #expect(done["droppedFull"] as? Int == 0, "the daemon stopped reading the tty")
        #expect(bytesToTty > 0)
        #expect(pulses >= 20)

        let sessions = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix("_EMU1") }
        let session = dir.appendingPathComponent(try #require(sessions.first, "no session recorded"))
        let verify = BundleVerifier.verify(path: session.path)
        #expect(verify.isSound, "\(verify.problems)")

        let checker = TestEnvironment.repoRoot.appendingPathComponent("scripts/peers/emulated_session.py").path
        let run = try TestEnvironment.run(
            "python3", [checker, session.path, "--pulse-log", TestRig.pulseLog(output: dir).path])
        #expect(run.status == 0, "\(run.stderr)")
        let facts = try #require(Self.object(run.stdout), "checker output: \(run.stdout) \(run.stderr)")

        // Raw file: byte-exact UBX (no parse error, no lost NAV-PVT epoch), and RTKLIB turns it into RINEX.
        let ubx = facts["ubx"] as? [String: Any] ?? [:]
        let messages = ubx["messages"] as? [String: Int] ?? [:]
        let rawx = messages["RXM-RAWX"] ?? 0
        #expect((ubx["bytes"] as? Int ?? 0) > 0)
        #expect((ubx["bytes"] as? Int ?? .max) <= bytesToTty, "more bytes recorded than the tty carried")
        #expect(ubx["parseErrors"] as? Int == 0)
        #expect((ubx["navPvtSteps"] as? [String: Int]).map { Set($0.keys) } == ["200"], "NAV-PVT epochs lost")
        #expect(rawx >= 20)
        #expect(messages["TIM-TP"] == rawx)
        let convbin = facts["convbin"] as? [String: Any] ?? [:]
        #expect(convbin["status"] as? Int == 0)
        #expect(convbin["epochs"] as? Int == rawx, "convbin epochs vs RXM-RAWX frames")
        #expect(!((convbin["satellites"] as? [String]) ?? []).isEmpty)

        // Timeline: every ESF-RAW sample set is an /imu/ubx0 record; PPS edges from DCD, mostly accepted.
        let topics = facts["topics"] as? [String: Int] ?? [:]
        #expect(topics["/imu/ubx0"] == ubx["esfRawSampleSets"] as? Int)
        #expect((topics["/imu/ubx0"] ?? 0) > 0)
        #expect(topics["/gnss/ubx0/fix"] == messages["NAV-PVT"])
        let pps = facts["pps"] as? [String: Any] ?? [:]
        let edges = pps["edges"] as? Int ?? 0
        let accepted = pps["accepted"] as? Int ?? 0
        #expect(pps["frames"] as? [String] == ["ubx0"])
        #expect(edges >= 20 && edges <= pulses, "edges \(edges), pulses \(pulses)")
        #expect(accepted * 2 >= edges, "accepted \(accepted) of \(edges): \(pps["rejected"] ?? "")")

        // Clock: PPS from the USB-serial DCD (libserialport reports the emulated port as USB), labelled by the
        // TIM-TP that came through the tty; never host-only once recording. Lock needs more edges than 30 s give
        // with USB-DCD-class jitter, so pps-locked is reported, not required (scripts/emulate 150 shows it).
        let clock = facts["clock"] as? [String: Any] ?? [:]
        let provenance = clock["provenance"] as? [String: Int] ?? [:]
        #expect((clock["sources"] as? [String] ?? []).contains("usb-dcd PPS labelled by ubx-tim-tp"))
        #expect((clock["records"] as? Int ?? 0) > 0)
        #expect(provenance["host-only"] == nil, "\(provenance)")
        // A lock, when the run reaches one, is on the timeline as an event too (the daemon records clock state
        // changes for every PPS source, not only the simulator's).
        let events = facts["events"] as? [String: Int] ?? [:]
        #expect((clock["locked"] as? Int ?? 0) == 0 || (events["time-lock"] ?? 0) >= 1, "\(events)")

        // Latency of the emulation itself (reported, not asserted: it depends on host load).
        let latency = facts["latencyUs"] as? [String: Any] ?? [:]
        #expect(latency["dcdToWatcher"] as? [String: Any] != nil, "no PPS edge matched the emulator's pulse log")
        let lock = (clock["firstLockedGpsNs"] as? Int).flatMap { l in
            (clock["firstEdgeGpsNs"] as? Int).map { Double(l - $0) / 1e9 }
        }
        print(
            "emulated rig: \(edges) edges, \(accepted) accepted, clock \(provenance), "
                + "locked \(lock.map { "\($0) s after the first recorded edge" } ?? "not within the run"), "
                + "latency µs \(latency)")
    }

    static func object(_ text: String) -> [String: Any]? {
        guard let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
