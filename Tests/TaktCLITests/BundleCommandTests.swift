import ArgumentParser
import Foundation
import TaktCore
import Testing

@testable import TaktCLI
@testable import TaktStore

/// `takt verify|recover|inspect` run in-process on bundles written by the store, exit codes included.
@Suite struct BundleCommandTests {
    static let start = GPSTime(week: 2300, timeOfWeekNanoseconds: 300_000 * 1_000_000_000)

    /// A session with one closed segment and one left open by a "crash" (torn UBX frame at the end).
    func session(crashed: Bool) throws -> (session: String, segments: [String]) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("takt-cli-\(UUID().uuidString)").path
        let s = try SessionWriter.create(
            outputDirectory: out,
            configuration: .init(vehicleId: "T1", start: Self.start, leapSeconds: 18, rigFileBytes: Array("{}".utf8)))
        let a = try s.openNext(start: Self.start)
        let frame = UBXFrame.encode(messageClass: 0x01, id: 0x07, payload: [UInt8](repeating: 7, count: 92))
        try a.append(frame, to: "gnss/g.ubx", time: Self.start)
        let b = try s.openNext(start: Self.start + .seconds(61))  // one second missing: a gap
        try a.close(reason: .rotated, info: .init(end: Self.start + .seconds(60)))
        try b.append(frame, to: "gnss/g.ubx", time: Self.start + .seconds(61))
        try b.syncAll()
        if crashed {
            let h = try FileHandle(forWritingTo: URL(fileURLWithPath: b.path + "/data/gnss/g.ubx"))
            try h.seekToEnd()
            try h.write(contentsOf: Data(frame.prefix(10)))
            try h.close()
        } else {
            try b.close(reason: .stopped, info: .init(end: Self.start + .seconds(62)))
            try s.finish()
        }
        return (s.path, [a.path, b.path])
    }

    func exitCode(_ args: [String]) async throws -> Int32 {
        var command = try Takt.parseAsRoot(args)
        do {
            if var c = command as? any AsyncParsableCommand {
                try await c.run()
            } else {
                try command.run()
            }
            return 0
        } catch let e as ExitCode {
            return e.rawValue
        }
    }

    @Test func verifyExitCodes() async throws {
        let (path, segs) = try session(crashed: false)
        #expect(try await exitCode(["verify", path]) == TaktExit.ok)
        #expect(try await exitCode(["verify", "--json", segs[0]]) == TaktExit.ok)
        let ubx = segs[1] + "/data/gnss/g.ubx"
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: ubx)))
        bytes[20] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: ubx))
        #expect(try await exitCode(["verify", path]) == TaktExit.checkFailed)
        #expect(try await exitCode(["verify", path + "/nope"]) == TaktExit.badInput)
    }

    @Test func recoverThenVerifyAndInspect() async throws {
        let (path, segs) = try session(crashed: true)
        #expect(try await exitCode(["verify", path]) == TaktExit.checkFailed)
        // Before recovery, inspect scans the open segment and shows what recovery would keep.
        let before = try BundleInspector.inspect(path: path)
        #expect(before.state == "open" && before.segments.map(\.state) == ["closed", "open"])
        #expect(before.segments.last?.streams.first?.records == 1)
        #expect(before.segments.last?.streams.first?.bytes == 110)
        #expect(try await exitCode(["inspect", "--json", path]) == TaktExit.ok)
        #expect(try await exitCode(["recover", path]) == TaktExit.ok)
        #expect(try await exitCode(["verify", path]) == TaktExit.ok)
        #expect(try await exitCode(["recover", "/nonexistent/session"]) == TaktExit.badInput)

        let report = try BundleInspector.inspect(path: path)
        #expect(report.segments.map(\.closeReason) == [.rotated, .recovered])
        #expect(report.gaps.count == 1 && report.gaps.first?.nanoseconds == 1_000_000_000)
        #expect(report.losses.first?.loss.bytes == 10)
        #expect(report.streams.first?.records == 2)
        let text = InspectRenderer.render(report)
        let expected = """
            streams:
              data/gnss/g.ubx (ubx) records=2 bytes=200 span=2024-02-07T11:19:42.000000000Z … 2024-02-07T11:19:42.000000000Z
            segments:
              000000 closed rotated 2024-02-07T11:19:42.000000000Z … 2024-02-07T11:20:42.000000000Z bytes=100
              000001 closed recovered 2024-02-07T11:20:43.000000000Z … ? bytes=100
            gaps:
              after 000000: 2024-02-07T11:20:42.000000000Z → 2024-02-07T11:20:43.000000000Z (1.0 s)
            losses:
              000001: data/gnss/g.ubx bytes=10 records=1 reason=trimmed after the last whole record
            """
        // The recovered segment keeps no per-record UBX times (recovery does not decode), so the span ends early.
        #expect(text.hasSuffix(expected), "\(text)")
        #expect(segs.count == 2)
    }

    @Test func helpListsBundleCommands() {
        let help = Takt.helpMessage()
        #expect(help.contains("verify") && help.contains("recover") && help.contains("inspect"))
    }
}
