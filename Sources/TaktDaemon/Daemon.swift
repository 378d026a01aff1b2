import Foundation
public import Logging
import ServiceLifecycle
import UnixSignals
public import TaktCore
import TaktStore

/// Everything `takt run` / `takt simulate` need to start a daemon.
public struct DaemonConfiguration: Sendable {
    public var rig: RigConfig
    public var rigPath: String
    public var rigBytes: [UInt8]
    public var outputDirectory: String
    public var socketPath: String
    public var socketGroup: String?
    /// Start recording as soon as the time base is usable (the vehicle default).
    public var autoStart: Bool
    public var simulated: Bool
    /// Replaces a gpsd sensor's port (the simulator's gpsfake listens on a free port).
    public var gpsdPortOverrides: [String: Int]
    /// Session-level sensor metadata files (e.g. `lidar-os1.json`).
    public var sensorMetadata: [String: [UInt8]]

    public init(
        rig: RigConfig, rigPath: String, rigBytes: [UInt8], outputDirectory: String? = nil, socketPath: String? = nil,
        socketGroup: String? = nil, autoStart: Bool = true, simulated: Bool = false, gpsdPortOverrides: [String: Int] = [:],
        sensorMetadata: [String: [UInt8]] = [:]
    ) {
        self.rig = rig
        self.rigPath = rigPath
        self.rigBytes = rigBytes
        self.outputDirectory = outputDirectory ?? rig.output.directory
        self.socketPath = socketPath ?? rig.status?.socketPath ?? "/run/takt/takt.sock"
        self.socketGroup = socketGroup ?? rig.status?.group
        self.autoStart = autoStart
        self.simulated = simulated
        self.gpsdPortOverrides = gpsdPortOverrides
        self.sensorMetadata = sensorMetadata
    }
}

/// The recording daemon: a `ServiceGroup` of small services around one recorder, one time base and one status
/// board. SIGTERM/SIGINT shut it down gracefully in reverse start order, so the recorder (started first) closes the
/// open segment last.
public struct Daemon: Sendable {
    public let configuration: DaemonConfiguration
    public let logger: Logger
    let factories: [any SensorServiceFactory]

    public init(configuration: DaemonConfiguration, logger: Logger, sensorFactories: [any SensorServiceFactory] = []) {
        self.configuration = configuration
        self.logger = logger
        self.factories = sensorFactories
    }

    /// Recovers unclosed segments left by a crash, then runs until a shutdown signal (or `cancel`).
    public func run() async throws {
        let c = configuration
        try recoverLeftovers()
        let startedAt = HostClock.monotonic()
        let timeBase = TimeBase(configuration: .init(rig: c.rig), source: "no PPS yet")
        let log = logger
        let board = StatusBoard()
        let recorder = Recorder(
            configuration: .init(
                vehicleId: c.rig.vehicleId, outputDirectory: c.outputDirectory, rigFileBytes: c.rigBytes,
                sensorMetadata: c.sensorMetadata, segmentSeconds: c.rig.output.effectiveSegmentSeconds,
                segmentMaxBytes: c.rig.output.effectiveSegmentMaxBytes,
                sensorCounters: { board.copy().sensors.reduce(into: [:]) { $0[$1.id] = $1.counters } }),
            now: {
                let m = HostClock.monotonic()
                return (m, timeBase.timelineTime(m))
            },
            notice: { log.notice("\($0)") })
        let context = DaemonContext(
            rig: c.rig, rigPath: c.rigPath, timeBase: timeBase, recorder: recorder, board: board, logger: logger,
            simulated: c.simulated, startedAt: startedAt)
        timeBase.observe { context.recordClockEvents($0) }

        var services: [any Service] = [RecorderService(context: context)]
        services.append(ControlService(context: context, socketPath: c.socketPath, group: c.socketGroup))
        // Simulated sources start before and stop after the services that receive from them (reverse-order
        // shutdown), so ending a simulation records no spurious sensor gap.
        for f in factories {
            for (i, s) in f.makeServices(context: context).enumerated() {
                services.append(SupervisedService(name: "\(type(of: f))#\(i)", s, context: context))
            }
        }
        for sensor in c.rig.sensors {
            if let g = sensor.connection.gpsd {
                let port = c.gpsdPortOverrides[sensor.id] ?? g.port
                services.append(SupervisedService(
                    name: sensor.id, GPSDService(sensor: sensor, host: g.host, port: port, device: g.device, context: context),
                    context: context))
            } else if let udp = sensor.connection.udp, sensor.kind == .lidar {
                // A bad lidar entry fails its service (recorded, retried), never the daemon.
                let metadata = c.sensorMetadata["lidar-\(sensor.id).json"]
                services.append(SupervisedService(
                    name: sensor.id, LiDARServiceLauncher(sensor: sensor, endpoint: udp, metadata: metadata, context: context),
                    context: context))
            } else if let serial = sensor.connection.serial, sensor.kind == .gnss {
                services.append(SupervisedService(
                    name: sensor.id, SerialGNSSService(sensor: sensor, endpoint: serial, context: context), context: context))
            }
        }
        // A USB camera is real even under `takt simulate` (the umockdev-emulated camera is driven that way). It
        // consumes the GNSS services' fixes, so it starts after them and stops before them.
        if let camera = CameraServiceWiring.usbCamera(rig: c.rig, logger: logger, context: context) {
            services.append(SupervisedService(name: camera.name, camera.service, context: context))
        }
        services.append(
            HousekeepingService(
                context: context, autoStart: c.autoStart, outputDirectory: c.outputDirectory,
                notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment)))

        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                cancellationSignals: [], logger: logger))
        try await group.run()
    }

    /// Closes what a previous run left open (crash, power loss) before recording anew.
    func recoverLeftovers() throws {
        let dir = configuration.outputDirectory
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            let path = dir + "/" + name
            guard FileManager.default.fileExists(atPath: path + "/" + SessionWriter.lockFileName) else { continue }
            do {
                let report = try BundleRecovery.recover(sessionPath: path)
                logger.warning("recovered \(path): \(report.segments.count) segment(s), \(report.lostBytes) byte(s) lost")
            } catch {
                logger.error("recovery of \(path) failed: \(error)")
            }
        }
    }
}
