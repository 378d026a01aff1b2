import Foundation
import Testing

/// The trigger-box line protocol (hw/wiring/trigger-box.md) end to end: `takt probe trigger` drives the
/// umockdev-emulated box (hw/emulation/trigger_box.py) through the real libserialport 0.1.1 and Takt's core codec.
@Suite(.serialized) struct TriggerBoxEmulationTests {
    static func run(_ options: [String], count: Int) throws -> [[String: Any]] {
        let script = HarnessRun.repoRoot.appendingPathComponent("hw/emulation/trigger_box.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [script, "--timeout", "30"] + options
            + ["--", try HarnessRun.taktExecutable(), "probe", "trigger", "DEVICE", "--count", String(count)]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "LD_PRELOAD")
        environment.removeValue(forKey: "UMOCKDEV_DIR")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    static func select(_ lines: [[String: Any]], _ key: String, _ value: String) -> [[String: Any]] {
        lines.filter { $0[key] as? String == value }
    }

    @Test func triggerAckRoundTrip() throws {
        let lines = try Self.run([], count: 5)
        let done = try #require(Self.select(lines, "box", "done").first, "\(lines)")
        #expect(done["status"] as? String == "ok" && done["helperExit"] as? Int == 0)
        let acks = Self.select(lines, "event", "ack")
        let pulses = Self.select(lines, "box", "pulse")
        #expect(acks.compactMap { $0["sequence"] as? Int } == [1, 2, 3, 4, 5])
        // The tick Takt decoded is the one the box sent for that pulse.
        #expect(acks.compactMap { $0["tickUs"] as? Int } == pulses.compactMap { $0["tickUs"] as? Int })
        let exit = try #require(Self.select(lines, "event", "exit").first)
        #expect(exit["acked"] as? Int == 5 && exit["garbage"] as? Int == 0 && (exit["lost"] as? [Int]) == [])
    }

    @Test func garbageIsCountedAndDisconnectRecovers() throws {
        let lines = try Self.run(["--garbage-after", "2", "--drop-after", "4"], count: 7)
        let done = try #require(Self.select(lines, "box", "done").first, "\(lines)")
        #expect(done["status"] as? String == "ok" && done["helperExit"] as? Int == 0)
        let injected = try #require(Self.select(lines, "box", "garbage").first)
        // Four malformed lines (noise, missing tick, non-numeric, too long) and one well-formed ack for a
        // sequence never sent: counted separately, none taken for a real ack.
        let exit = try #require(Self.select(lines, "event", "exit").first)
        #expect(exit["garbage"] as? Int == (injected["lines"] as? Int ?? 0) - 1)
        #expect(exit["unexpectedAcks"] as? Int == 1)
        #expect(exit["boxErrors"] as? Int == 1)
        #expect(Self.select(lines, "event", "heartbeat").count == 1)
        // The drop: one failure, the trigger in flight is lost (the box never saw it), then the port reopens and
        // triggering continues with the next sequence.
        let back = try #require(Self.select(lines, "box", "back").first)
        #expect(back["discarded"] as? String == "T 5\n")
        #expect((exit["lost"] as? [Int]) == [5])
        #expect(exit["gaps"] as? Int == 1)
        #expect(Self.select(lines, "event", "opened").count == 2)
        #expect(Self.select(lines, "event", "ack").compactMap { $0["sequence"] as? Int } == [1, 2, 3, 4, 6, 7])
    }
}
