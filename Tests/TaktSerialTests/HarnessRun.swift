import Foundation

/// Runs `hw/emulation/umockdev_receiver.py` (Debian's /usr/bin/python3 with UMockdev GI bindings), which emulates a
/// USB-serial receiver with umockdev and runs `takt probe serial` under umockdev's preload against it, and parses
/// the JSON lines it prints. See Tests/TaktSerialTests/README.md for why the adapter runs in a helper process.
struct HarnessRun {
    let lines: [[String: Any]]
    let exitStatus: Int32

    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The `takt` executable built next to this test bundle (`swift build --build-tests` builds it).
    static func taktExecutable() throws -> String {
        let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var dir = URL(fileURLWithPath: me).deletingLastPathComponent()
        if dir.lastPathComponent == "MacOS" || dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        let candidate = dir.appendingPathComponent("takt").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw HarnessError("takt executable not found at \(candidate); run `swift build --build-tests` first")
        }
        return candidate
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// - Parameters:
    ///   - payload: bytes the emulated receiver sends after each open.
    ///   - send: bytes `takt probe` writes after each open (`SerialReader.write`).
    ///   - replug: drop the device out (EIO) and back once before the final removal.
    static func run(payload: [UInt8], pulses: Int, send: [UInt8], replug: Bool) throws -> HarnessRun {
        let python = "/usr/bin/python3"
        let script = repoRoot.appendingPathComponent("hw/emulation/umockdev_receiver.py").path
        guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.fileExists(atPath: script)
        else {
            throw HarnessError("need \(python) (python3-gi, gir1.2-umockdev-1.0) and \(script)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments =
            [
                script, "--pulses", String(pulses), "--payload-hex", hex(payload), "--expect-hex", hex(send),
                "--timeout", "30",
            ] + (replug ? ["--replug"] : []) + [
                "--", try taktExecutable(), "probe", "serial", "DEVICE", "--pps",
                "--exit-after-failures", replug ? "2" : "1", "--send-hex", hex(send),
            ]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "LD_PRELOAD")
        environment.removeValue(forKey: "UMOCKDEV_DIR")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        return HarnessRun(lines: lines, exitStatus: process.terminationStatus)
    }

    func events(_ name: String, source: String? = nil) -> [[String: Any]] {
        lines.filter { $0["event"] as? String == name && (source == nil || $0["source"] as? String == source) }
    }

    func harness(_ name: String) -> [[String: Any]] { lines.filter { $0["harness"] as? String == name } }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension [UInt8] {
    init?(hex: String) {
        var out: [UInt8] = []
        var it = hex.utf8.makeIterator()
        while let hi = it.next() {
            guard let lo = it.next(), let b = UInt8(String(decoding: [hi, lo], as: UTF8.self), radix: 16) else {
                return nil
            }
            out.append(b)
        }
        self = out
    }
}
