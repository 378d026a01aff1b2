import Foundation
import Testing

/// Where an integration test runs. The same test body drives every kind through the `takt` binary.
enum TestRig: CustomTestStringConvertible, Sendable {
    /// Built-in simulator: gpsd fed by gpsfake (real libgps), simulated u-blox stream and PPS.
    case simulated
    /// A real vehicle's rig file (`TAKT_RIG=hw/rigs/<vehicle>.json5`, via scripts/hil).
    case hardware(rigPath: String)

    var testDescription: String {
        switch self {
        case .simulated: "simulated"
        case .hardware(let p): "hardware(\(p))"
        }
    }

    /// The rigs to run on this machine: always the simulated one; the vehicle's when TAKT_RIG is set.
    static var available: [TestRig] {
        var rigs: [TestRig] = [.simulated]
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
    func start(output: URL, socket: URL, seconds: Int) throws -> Process {
        let p = Process()
        p.executableURL = Self.takt
        switch self {
        case .simulated:
            p.arguments = ["simulate", "--rig", TestEnvironment.repoRoot.appendingPathComponent("hw/rigs/sim.json5").path,
                           "--duration", String(seconds), "--output", output.path, "--socket", socket.path]
        case .hardware(let rig):
            p.arguments = ["run", "--rig", rig, "--output", output.path, "--socket", socket.path]
        }
        p.currentDirectoryURL = TestEnvironment.repoRoot
        let log = FileHandle(forWritingAtPath: "/dev/null")
        p.standardOutput = log
        p.standardError = log
        try p.run()
        if case .hardware = self {
            let pid = p.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) { kill(pid, SIGTERM) }
        }
        return p
    }
}
