import Foundation
import Logging
public import ServiceLifecycle
public import TaktCore
public import TaktDaemon

/// Builds the simulator's services for the rig's `simulated: true` sensors (the raw u-blox stream and its PPS, the
/// triggered 360° camera when the trigger policy names a simulated one), a capture replayer for every LiDAR that
/// names a `replayCapture` and a generated Velodyne stream for every LiDAR that names a `simulatedProduct` (the
/// daemon receives both on its real UDP path).
public struct SimulationFactory: SensorServiceFactory {
    public let truth: SimulatedTruth
    public let drive: SimulatedDrive
    /// FIFO of exposure edges from an emulated trigger box (`EmulatedEdgeFeed`), raised on the event input of the
    /// simulated receiver that the trigger camera's `eventInput` option names, when that camera is a real (USB) one.
    public var edgeInputPath: String?
    /// The receiver's EXTINT those edges are raised on.
    public let edgeEventInput = SimulatedEventInput()

    public init(truth: SimulatedTruth, drive: SimulatedDrive, edgeInputPath: String? = nil) {
        self.truth = truth
        self.drive = drive
        self.edgeInputPath = edgeInputPath
    }

    /// The receiver whose event input the emulated box's edges reach (the trigger camera's `eventInput`).
    func edgeReceiver(_ rig: RigConfig) -> SensorConfig? {
        guard edgeInputPath != nil, let id = rig.trigger?.cameraId,
            let camera = rig.sensors.first(where: { $0.id == id && $0.kind == .camera }),
            camera.connection.simulated != true, let receiver = camera.options?["eventInput"]
        else { return nil }
        return rig.sensors.first { $0.id == receiver && $0.kind == .gnss }
    }

    /// The event input for the emulated serial receiver (`EmulatedReceiverFactory`), when the edges' receiver is
    /// the one read over serial rather than a simulated one.
    public func eventInputForEmulatedReceiver(_ rig: RigConfig) -> SimulatedEventInput? {
        guard let r = edgeReceiver(rig), r.connection.serial != nil else { return nil }
        return edgeEventInput
    }

    public func makeServices(context: DaemonContext) -> [any Service] {
        let simulated = context.rig.sensors.filter { $0.connection.simulated == true }
        let pps = simulated.first { $0.kind == .pps }
        let camera = SimulatedCameraWiring(rig: context.rig, rigPath: context.rigPath, truth: truth)
        let edges = edgeReceiver(context.rig)?.id
        var services: [any Service] = simulated.filter { $0.kind == .gnss }.map {
            SimulatedGNSSService(
                receiverId: $0.id, ppsId: pps?.id, truth: truth, drive: drive, context: context,
                eventInput: camera?.markReceiver == $0.id ? camera?.eventInput : edges == $0.id ? edgeEventInput : nil)
        }
        if edges != nil, let path = edgeInputPath {
            services.append(EmulatedEdgeFeed(path: path, truth: truth, input: edgeEventInput, logger: context.logger))
        }
        if let camera { services.append(camera.service(context: context)) }
        for sensor in context.rig.sensors where sensor.kind == .lidar && sensor.connection.udp != nil {
            do {
                if let plan = try VelodyneSimulationPlan(options: sensor.options) {
                    services.append(
                        SimulatedVelodyneService(sensor: sensor, plan: plan, truth: truth, context: context))
                    continue
                }
            } catch {
                context.logger.error("\(sensor.id): cannot simulate: \(error)")
                continue
            }
            guard let capture = sensor.options?["replayCapture"] else { continue }
            do {
                services.append(
                    SimulatedLiDARService(
                        sensor: sensor, plan: try Self.plan(sensor: sensor, capture: capture, rigPath: context.rigPath),
                        truth: truth, context: context))
            } catch {
                context.logger.error("\(sensor.id): cannot replay \(capture): \(error)")
            }
        }
        return services
    }

    static func plan(sensor: SensorConfig, capture: String, rigPath: String) throws -> LiDARLoopPlan {
        let base = URL(fileURLWithPath: rigPath).deletingLastPathComponent()
        func read(_ path: String) throws -> [UInt8] {
            [UInt8](try Data(contentsOf: path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)))
        }
        guard let metadataFile = sensor.options?["metadataFile"] else {
            throw LiDARReplayError.capture("\(sensor.id) has no options.metadataFile")
        }
        let metadata = try OusterMetadata(json: try read(metadataFile))
        let mode = sensor.options?["timestampMode"].flatMap(LiDARTimestampMode.init(rawValue:)) ?? .ousterInternalOscillator
        return try LiDARLoopPlan(capture: try read(capture), metadata: metadata, mode: mode)
    }
}
