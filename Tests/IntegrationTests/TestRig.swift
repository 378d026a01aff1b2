import Foundation
import Testing

/// Where an integration test runs. The same test body drives every kind through the `takt` binary.
enum TestRig: CustomTestStringConvertible, Sendable {
    /// Built-in simulator: gpsd fed by gpsfake (real libgps), simulated u-blox stream and PPS.
    case simulated
    /// Emulated devices through the real C libraries: gpsd fed by gpsfake (libgps) plus a u-blox receiver emulated as
    /// a USB-serial tty with umockdev (libserialport, tty line discipline, PPS on DCD via TIOCMIWAIT); the daemon
    /// runs under umockdev's preload, fed from the simulator's truth (hw/emulation/umockdev_stream.py).
    case emulated
    /// A real vehicle's rig file (`TAKT_RIG=hw/rigs/<vehicle>.json5`, via scripts/hil).
    case hardware(rigPath: String)

    var testDescription: String {
        switch self {
        case .simulated: "simulated"
        case .emulated: "emulated"
        case .hardware(let p): "hardware(\(p))"
        }
    }

    /// The rigs to run on this machine: always the simulated and the emulated one; the vehicle's when TAKT_RIG is set.
    static var available: [TestRig] {
        var rigs: [TestRig] = [.simulated, .emulated]
        if let r = ProcessInfo.processInfo.environment["TAKT_RIG"], !r.isEmpty { rigs.append(.hardware(rigPath: r)) }
        return rigs
    }

    /// The simulated rig replays a real Ouster capture as LiDAR `os0`; a vehicle rig's LiDARs are not assumed.
    var hasReplayedLiDAR: Bool {
        if case .simulated = self { return true }
        return false
    }

    static var takt: URL { TestEnvironment.repoRoot.appendingPathComponent(".build/debug/takt") }

    /// Starts recording on this rig into `output`, with the control socket at `socket`.
    /// `transcript` receives the process's stdout (the session summary; on the emulated rig also the emulator's
    /// JSON lines), else it goes to /dev/null.
    func start(output: URL, socket: URL, seconds: Int, transcript: FileHandle? = nil) throws -> Process {
        let p = Process()
        p.executableURL = Self.takt
        switch self {
        case .simulated:
            p.arguments = ["simulate", "--rig", TestEnvironment.repoRoot.appendingPathComponent("hw/rigs/sim.json5").path,
                           "--duration", String(seconds), "--output", output.path, "--socket", socket.path]
        case .emulated:
            try Self.requireUMockdev()
            p.executableURL = URL(fileURLWithPath: Self.debianPython)
            p.arguments = [
                TestEnvironment.repoRoot.appendingPathComponent("hw/emulation/umockdev_stream.py").path,
                "--pulse-log", Self.pulseLog(output: output).path, "--",
                Self.takt.path, "simulate",
                "--rig", TestEnvironment.repoRoot.appendingPathComponent("hw/rigs/emulated.json5").path,
                "--duration", String(seconds), "--output", output.path, "--socket", socket.path,
                "--emit-receiver", "DATA_FIFO", "--emit-pps", "PPS_FIFO",
            ]
        case .hardware(let rig):
            p.arguments = ["run", "--rig", rig, "--output", output.path, "--socket", socket.path]
        }
        p.currentDirectoryURL = TestEnvironment.repoRoot
        let log = FileHandle(forWritingAtPath: "/dev/null")
        p.standardOutput = transcript ?? log
        p.standardError = log
        try p.run()
        if case .hardware = self {
            let pid = p.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) { kill(pid, SIGTERM) }
        }
        return p
    }

    /// Where the emulated rig's emulator logs each PPS edge (true instant, DCD raised); hidden so that
    /// `takt simulate` does not take it for the new session.
    static func pulseLog(output: URL) -> URL { output.appendingPathComponent(".pulses.jsonl") }

    /// Debian's Python, which has the GObject bindings for umockdev (the pyenv `python3` on PATH does not).
    static let debianPython = "/usr/bin/python3"

    /// Fails with what to install when the emulated rig's tools are missing.
    static func requireUMockdev() throws {
        let check = try TestEnvironment.run(debianPython, ["-c", "import gi; gi.require_version('UMockdev', '1.0')"])
        if check.status != 0 {
            throw RigUnavailable(
                reason: "the emulated rig needs umockdev, gir1.2-umockdev-1.0 and python3-gi for \(debianPython) "
                    + "(./scripts/setup installs them): \(check.stderr)")
        }
    }
}

/// A rig's tools are not installed; the message says what to install.
struct RigUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
