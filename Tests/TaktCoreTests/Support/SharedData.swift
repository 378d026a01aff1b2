import Foundation

/// Locates Takt's shared test data: `$TAKT_SHARED`, else `<repo root>/../shared` (repo root derived from this file).
enum SharedData {
    static var root: URL {
        if let env = ProcessInfo.processInfo.environment["TAKT_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// Tests/TaktCoreTests/Support/SharedData.swift → four levels up.
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
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
