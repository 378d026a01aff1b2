import Foundation

/// Runs an independent peer (python-mcap) as a subprocess; tests compare its verdict with TaktCore's.
enum ExternalTool {
    struct Failed: Error, CustomStringConvertible {
        let command: [String]
        let status: Int32
        let output: String
        var description: String { "\(command.joined(separator: " ")) exited \(status):\n\(output)" }
    }

    /// Runs `executable` (looked up on PATH) and returns stdout; throws with stderr on a non-zero exit.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe()
        // stderr goes to a file so a chatty child cannot block on a full second pipe while we drain stdout.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("takt-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = out
        process.standardError = errHandle
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errHandle.close()
        let errBytes = (try? Data(contentsOf: errURL)) ?? Data()
        let stdout = String(decoding: outData, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failed(
                command: [executable] + arguments, status: process.terminationStatus,
                output: stdout + String(decoding: errBytes, as: UTF8.self))
        }
        return stdout
    }

    /// A fresh temporary directory for one test.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("takt-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
