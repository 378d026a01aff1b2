import Foundation

/// Runs a host program against an emulated device script in hw/emulation (Debian's /usr/bin/python3 with the
/// UMockdev GI bindings) and collects what both print: JSON objects (the emulator's and `takt probe`'s) and plain
/// text lines (gphoto2).
struct EmulatorRun {
    let objects: [[String: Any]]
    let text: [String]
    let exitStatus: Int32

    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var sharedRoot: URL {
        if let env = ProcessInfo.processInfo.environment["TAKT_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The `takt` executable built next to this test bundle (`swift build --build-tests` builds it).
    static func taktExecutable() throws -> String {
        let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var dir = URL(fileURLWithPath: me).deletingLastPathComponent()
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        let candidate = dir.appendingPathComponent("takt").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw HarnessError("takt executable not found at \(candidate); run `swift build --build-tests` first")
        }
        return candidate
    }

    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("takt-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `executable arguments` and parses its output; used for both emulator scripts and umockdev-run.
    static func run(_ executable: String, _ arguments: [String]) throws -> EmulatorRun {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw HarnessError("missing \(executable) (see scripts/setup)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "LD_PRELOAD")
        environment.removeValue(forKey: "UMOCKDEV_DIR")
        environment["HOME"] = try temporaryDirectory("home").path  // gphoto2 writes ~/.gphoto/settings
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var objects: [[String: Any]] = []
        var text: [String] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("{"),
                let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            {
                objects.append(object)
            } else {
                text.append(String(line))
            }
        }
        return EmulatorRun(objects: objects, text: text, exitStatus: process.terminationStatus)
    }

    /// hw/emulation/ptp_camera.py with `options`, running `helper` against the emulated camera.
    static func camera(_ options: [String], helper: [String]) throws -> EmulatorRun {
        let script = repoRoot.appendingPathComponent("hw/emulation/ptp_camera.py").path
        return try run("/usr/bin/python3", [script, "--timeout", "60"] + options + ["--"] + helper)
    }

    func events(_ name: String) -> [[String: Any]] { objects.filter { $0["event"] as? String == name } }
    func emulator(_ name: String) -> [[String: Any]] { objects.filter { $0["emulator"] as? String == name } }
    func camera(_ name: String) -> [[String: Any]] { objects.filter { $0["camera"] as? String == name } }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func bytes(at path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { Array($0) } }
