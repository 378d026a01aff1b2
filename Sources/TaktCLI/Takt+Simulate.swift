public import ArgumentParser
import Foundation
import Glibc
import Logging
import TaktCore
import TaktDaemon
import TaktSimulation
import TaktStore

extension Takt {
    public struct Simulate: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Record a simulated city drive with no hardware, then verify the session.",
            discussion: """
                GNSS reaches Takt through a real gpsd fed by gpsfake; the raw u-blox stream and PPS come from the \
                built-in simulator. The simulator's truth is anchored on this host's wall clock at start.
                """)
        @Option(help: "Rig file (JSON5).") var rig = "hw/rigs/sim.json5"
        @Option(help: "Seconds to record (0 = until SIGINT/SIGTERM).") var duration = 30
        @Option(help: "Override the rig's output directory.") var output: String?
        @Option(help: "Override the rig's control socket path.") var socket: String?
        @Flag(help: "Print the session summary as JSON.") var json = false
        @Option(help: ArgumentHelp(
            "Feed an emulated serial receiver: write the simulated u-blox stream into this FIFO (hw/emulation).",
            visibility: .hidden))
        var emitReceiver: String?
        @Option(help: ArgumentHelp(
            "With --emit-receiver: write one byte per true PPS edge into this FIFO.", visibility: .hidden))
        var emitPPS: String?
        @Option(help: ArgumentHelp(
            "Read an emulated trigger box's exposure edges from this FIFO onto the simulated receiver's event input.",
            visibility: .hidden))
        var edgeInput: String?

        public init() {}

        public func validate() throws {
            if duration < 0 { throw ValidationError("--duration must be ≥ 0") }
            if (emitReceiver == nil) != (emitPPS == nil) {
                throw ValidationError("--emit-receiver and --emit-pps go together")
            }
        }

        public func run() async throws {
            bootstrapLogging()
            let logger = Logger(label: "takt.simulate")
            let loaded = try loadRig(rig)
            let outDir = output ?? loaded.rig.output.directory
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            let now = HostClock.monotonic()
            let truth = SimulatedTruth(
                hostOrigin: now,
                gpsOrigin: GPSTime(unixUTCNanoseconds: HostClock.realtimeNanoseconds(), leapSeconds: 18),
                hostDriftPPM: 20, ppsJitterNanoseconds: 1_000)
            let drive = SimulatedDrive()
            let work = outDir + "/.sim"
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)

            var overrides: [String: Int] = [:]
            var gpsfake: GPSFakeProcess?
            if loaded.rig.sensors.contains(where: { $0.connection.gpsd != nil }) {
                let start = GPSTime(nanosecondsSinceEpoch: (truth.gps(at: now).wholeSeconds + 1) * 1_000_000_000)
                do {
                    let g = try GPSFakeProcess(
                        drive: drive, truth: truth, start: start, seconds: (duration == 0 ? 3600 : duration) + 60,
                        workDirectory: work)
                    gpsfake = g
                    for s in loaded.rig.sensors where s.connection.gpsd != nil { overrides[s.id] = g.port }
                    logger.info("gpsd (gpsfake) replaying the simulated drive on 127.0.0.1:\(g.port)")
                } catch {
                    printError("takt simulate: \(error)")
                    throw ExitCode(TaktExit.software)
                }
            }
            defer { gpsfake?.stop() }

            let before = Set((try? FileManager.default.contentsOfDirectory(atPath: outDir)) ?? [])
            let config = DaemonConfiguration(
                rig: loaded.rig, rigPath: rig, rigBytes: loaded.bytes, outputDirectory: outDir, socketPath: socket,
                simulated: true, gpsdPortOverrides: overrides,
                sensorMetadata: try loadLiDARMetadata(loaded.rig, rigPath: rig))
            if duration > 0 {
                let d = duration
                Task {
                    try? await Task.sleep(for: .seconds(d))
                    kill(getpid(), SIGTERM)
                }
            }
            print("takt simulate: recording \(duration > 0 ? "\(duration) s" : "until interrupted") into \(outDir) (socket \(config.socketPath))")
            do {
                try await Daemon(
                    configuration: config, logger: Logger(label: "takt"),
                    sensorFactories: factories(truth: truth, drive: drive, rig: loaded.rig)
                ).run()
            } catch {
                printError("takt simulate: daemon failed: \(error)")
                throw ExitCode(TaktExit.software)
            }
            gpsfake?.stop()

            let after = Set((try? FileManager.default.contentsOfDirectory(atPath: outDir)) ?? [])
            // Only session directories count: other files may appear in the output directory meanwhile.
            let sessions = after.subtracting(before).filter {
                !$0.hasPrefix(".") && FileManager.default.fileExists(atPath: outDir + "/" + $0 + "/session.json")
            }
            guard let name = sessions.sorted().last else {
                printError("takt simulate: no session was recorded in \(outDir)")
                throw ExitCode(TaktExit.checkFailed)
            }
            let session = outDir + "/" + name
            let report = BundleVerifier.verify(path: session)
            try printSessionSummary(session: session, verify: report, json: json)
            if !report.isSound { throw ExitCode(TaktExit.checkFailed) }
        }

        /// The simulator's own sensors, plus the emulated receiver's feed when one is asked for.
        func factories(truth: SimulatedTruth, drive: SimulatedDrive, rig: RigConfig) -> [any SensorServiceFactory] {
            let simulation = SimulationFactory(truth: truth, drive: drive, edgeInputPath: edgeInput)
            var out: [any SensorServiceFactory] = [simulation]
            if let data = emitReceiver, let pps = emitPPS {
                out.append(
                    EmulatedReceiverFactory(
                        stream: SimulatedReceiverStream(truth: truth, drive: drive), dataPath: data, ppsPath: pps,
                        eventInput: simulation.eventInputForEmulatedReceiver(rig)))
            }
            return out
        }
    }
}
