import ArgumentParser
import Foundation
import TaktCore
import Testing

@testable import TaktCLI

/// `takt decode`: renderers (golden strings), exit code on unreadable input, and the real binary on a real log.
@Suite struct DecodeCommandTests {
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var shared: URL {
        if let env = ProcessInfo.processInfo.environment["TAKT_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    @Test func tableRowGolden() {
        var e = GNSSEpoch(source: .nmea, mode: 3)
        e.setUTC(unixNanoseconds: 1_426_699_166_000_000_000, leapSeconds: nil)
        e.latitude = 44.0690105
        e.longitude = -121.314246333
        e.altHAEMeters = 1125.9
        #expect(
            DecodeRendering.row(.epoch(e))
                == "epoch          2015-03-18T17:19:26.000000000Z   44.069010500 -121.314246333   1125.900  3"
        )
        var c = GNSSDecoderCounters()
        c.totalBytes = 10
        c.nmeaSentences = 1
        #expect(
            DecodeRendering.summary(c)
                == "bytes 10, NMEA 1, UBX 0 (other 0, malformed 0), bad NMEA checksum 0, bad UBX checksum 0, "
                + "garbage 0 B in 0 runs, oversize 0, comments 0"
        )
    }

    @Test func unreadableFileExitsWithBadInput() async throws {
        let parsed = try Takt.parseAsRoot(["decode", "/nonexistent/takt-decode-test.log"])
        let command = try #require(parsed as? Takt.Decode)
        await #expect(throws: ExitCode(TaktExit.badInput)) { try await command.run() }
    }

    @Test func helpMentionsJSONAndComments() {
        let help = Takt.Decode.helpMessage(columns: 120)
        #expect(help.contains("--json") && help.contains("gpsfake"))
    }

    /// Runs the built `takt` binary: one JSON object per record, counters on stderr.
    @Test func binaryDecodesARealLogToJSONLines() throws {
        let log = Self.shared.appendingPathComponent("data/gnss/gpsd-test-logs/ublox-neo-m8n.log")
        let bytes = try #require(FileManager.default.contents(atPath: log.path), "missing \(log.path)")
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("takt"),
            Self.repoRoot.appendingPathComponent(".build/debug/takt"),
        ]
        let takt = try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "takt binary not built (swift build)"
        )
        let p = Process()
        p.executableURL = takt
        p.arguments = ["decode", log.path, "--json"]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = stdout.split(separator: 0x0A)
        let expected = GNSSLogDecoding.decode(Array(bytes)).records
        #expect(lines.count == expected.count && lines.count == 24)
        let first = try JSONDecoder().decode(GNSSRecord.self, from: Data(try #require(lines.first)))
        #expect(first == expected.first)
        #expect(stderr.contains("UBX 52 (other 5, malformed 0)") && stderr.contains("comments 8"))
    }
}
