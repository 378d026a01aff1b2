import Foundation
import Glibc
import TaktCore
import Testing

/// Helpers for the end-to-end resilience tests: the built `takt` binary, external peers run as processes, scratch
/// directories and small filesystems.
enum Resilience {
    /// The package root, from this file's path.
    static let repoRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .path

    enum SetupError: Error, CustomStringConvertible {
        case missing(String)
        var description: String {
            switch self {
            case .missing(let s): s
            }
        }
    }

    /// `<repo>/.build/debug/takt`; a missing binary is a clear failure (build it with `swift build`).
    static func taktBinary() throws -> String {
        let path = repoRoot + "/.build/debug/takt"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw SetupError.missing("\(path) not found: run `swift build` (scripts/test does) before these tests")
        }
        return path
    }

    /// The simulated rig shipped in `hw/rigs/sim.json5`.
    static func simRigText() throws -> String {
        try String(contentsOfFile: repoRoot + "/hw/rigs/sim.json5", encoding: .utf8)
    }

    /// A sim rig copy with the output directory, socket and disk reserve replaced (JSON5: the later key wins is not
    /// guaranteed, so the values are substituted in place).
    static func writeSimRig(to path: String, output: String, socket: String, reserveBytes: Int64? = nil) throws {
        var text = try simRigText()
        text = text.replacingOccurrences(of: "directory: \"./sessions\"", with: "directory: \"\(output)\"")
        text = text.replacingOccurrences(of: "socketPath: \"./sessions/takt.sock\"", with: "socketPath: \"\(socket)\"")
        if let reserveBytes {
            text = text.replacingOccurrences(
                of: "diskReserveBytes: 268435456", with: "diskReserveBytes: \(reserveBytes)")
        }
        // Paths in a rig are relative to the rig file: point the LiDAR metadata back at the repository's copy.
        text = text.replacingOccurrences(of: "\"../sim/", with: "\"\(repoRoot)/hw/sim/")
        guard text.contains(output), text.contains(socket),
            reserveBytes.map({ text.contains("diskReserveBytes: \($0)") }) ?? true
        else { throw SetupError.missing("hw/rigs/sim.json5 changed shape; update Resilience.writeSimRig") }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A fresh scratch directory under /tmp (short: Unix socket paths are limited to 107 bytes).
    static func scratch(_ name: String) throws -> String {
        let dir = "/tmp/takt-res-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a tool found on PATH and waits for it.
    @discardableResult
    static func run(_ args: [String], in directory: String? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    /// Seconds on CLOCK_MONOTONIC (the daemon's host clock).
    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        usleep(UInt32(min(seconds, 60) * 1e6))
    }

    /// Segment directories of a session, in order.
    static func segmentDirectories(_ session: String) -> [String] {
        let dir = session + "/segments"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.allSatisfy(\.isNumber) }.sorted().map { dir + "/" + $0 }
    }

    /// The one session directory under `output` (names start with the UTC year).
    static func sessionDirectories(_ output: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        return names.filter { $0.first?.isNumber == true }.sorted().map { output + "/" + $0 }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
