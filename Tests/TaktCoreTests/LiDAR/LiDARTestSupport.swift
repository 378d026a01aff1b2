import Foundation
import Testing

/// Locates shared data and runs the Python peers for the LiDAR decoder tests.
enum LiDARTestSupport {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var sharedRoot: URL {
        if let env = ProcessInfo.processInfo.environment["TAKT_SHARED"] { return URL(fileURLWithPath: env) }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    static var ousterDirectory: URL { sharedRoot.appendingPathComponent("data/lidar/ouster") }
    static var velodyneDirectory: URL { sharedRoot.appendingPathComponent("data/lidar/velodyne") }

    /// Reads a shared file; a missing file is a test failure with a clear message, never a silent pass.
    static func bytes(_ url: URL) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("shared LiDAR data missing: \(url.path) (set TAKT_SHARED)")
            throw MissingData(path: url.path)
        }
        return [UInt8](data)
    }

    struct MissingData: Error { var path: String }
    struct PeerFailed: Error, CustomStringConvertible { var description: String }

    /// Runs `python3 scripts/peers/<script> args…` and parses its JSON stdout.
    static func runPeer(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repoRoot.appendingPathComponent("scripts/peers/\(script)").path] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PeerFailed(description: "\(script) failed: \(String(decoding: errData, as: UTF8.self))")
        }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PeerFailed(description: "\(script) printed no JSON object")
        }
        return object
    }
}

extension Dictionary where Key == String, Value == Any {
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    func uint64(_ key: String) -> UInt64? { (self[key] as? NSNumber)?.uint64Value }
    func ints(_ key: String) -> [Int] { (self[key] as? [NSNumber])?.map(\.intValue) ?? [] }
    func uint64s(_ key: String) -> [UInt64] { (self[key] as? [NSNumber])?.map(\.uint64Value) ?? [] }
    func doubles(_ key: String) -> [Double] { (self[key] as? [NSNumber])?.map(\.doubleValue) ?? [] }
}
