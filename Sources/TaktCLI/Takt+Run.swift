public import ArgumentParser
import Foundation
import Logging
import TaktCore
import TaktDaemon
import TaktSimulation
import TaktStore

extension Takt {
    public struct Run: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Run the recording daemon until SIGTERM/SIGINT (graceful: the open segment is closed).")
        @Option(help: "Rig file (JSON5).") var rig: String
        @Option(help: "Override the rig's output directory.") var output: String?
        @Option(help: "Override the rig's control socket path.") var socket: String?
        @Flag(help: "Do not start recording by itself; wait for `takt start`.") var noAutoStart = false

        public init() {}

        public func run() async throws {
            bootstrapLogging()
            let loaded = try loadRig(rig)
            if loaded.rig.sensors.contains(where: { $0.connection.simulated == true }) {
                printError("takt run: \(rig) has simulated sensors; use `takt simulate --rig \(rig)`")
                throw ExitCode(TaktExit.invalidRig)
            }
            let config = DaemonConfiguration(
                rig: loaded.rig, rigPath: rig, rigBytes: loaded.bytes, outputDirectory: output, socketPath: socket,
                autoStart: !noAutoStart, sensorMetadata: try loadLiDARMetadata(loaded.rig, rigPath: rig))
            do {
                try await Daemon(configuration: config, logger: Logger(label: "takt")).run()
            } catch {
                printError("takt run: \(error)")
                throw ExitCode(TaktExit.software)
            }
        }
    }
}

/// Reads and validates a rig file; prints every problem and exits `invalidRig` on errors.
func loadRig(_ path: String) throws -> (rig: RigConfig, bytes: [UInt8]) {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("\(path): cannot read the rig file")
        throw ExitCode(TaktExit.invalidRig)
    }
    let rig: RigConfig
    switch Result(catching: { () throws(RigFile.LoadError) in try RigFile.decode(data) }) {
    case .success(let r): rig = r
    case .failure(let e):
        for p in e.problems { printError("\(path): \(p)") }
        throw ExitCode(TaktExit.invalidRig)
    }
    let errors = rig.problems().filter { $0.severity == .error }
    for p in errors { printError("\(path): \(p)") }
    if !errors.isEmpty { throw ExitCode(TaktExit.invalidRig) }
    return (rig, Array(data))
}

func bootstrapLogging() {
    LoggingSystem.bootstrap { label in
        var h = StreamLogHandler.standardError(label: label)
        h.logLevel = ProcessInfo.processInfo.environment["TAKT_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return h
    }
}
