import Foundation

/// Locates Takt's shared data (`TAKT_SHARED`, else `<repo>/../shared`) and the repository itself.
enum SharedData {
    /// The repository root, derived from this file's path (Tests/TaktCoreTests/Support/SharedData.swift).
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static var root: URL {
        if let env = ProcessInfo.processInfo.environment["TAKT_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// `shared/<relative>`; fails the calling test with a clear message when missing.
    static func url(_ relative: String) throws -> URL {
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SharedDataMissing(path: url.path)
        }
        return url
    }

    struct SharedDataMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "shared data missing at \(path) (set TAKT_SHARED or create ../shared)" }
    }

    static var gpsdLogs: URL { root.appendingPathComponent("data/gnss/gpsd-test-logs") }

    /// The gpsd regression logs (`*.log`, sorted). Empty when the data is missing; callers must `#require` a count.
    static func gpsdLogNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: gpsdLogs.path)) ?? []
        return names.filter { $0.hasSuffix(".log") }.sorted()
    }

    static func bytes(_ url: URL) -> [UInt8]? {
        FileManager.default.contents(atPath: url.path).map { Array($0) }
    }
}
