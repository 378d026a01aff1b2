import Foundation
import Logging
public import ServiceLifecycle
import TaktCore
public import TaktDaemon

/// Builds the simulator's services for the rig's `simulated: true` sensors (the raw u-blox stream and its PPS, the
/// triggered 360° camera when the trigger policy names a simulated one), a capture replayer for every LiDAR that
/// names a `replayCapture` and a generated Velodyne stream for every LiDAR that names a `simulatedProduct` (the
/// daemon receives both on its real UDP path).
public struct SimulationFactory: SensorServiceFactory {
    public let truth: SimulatedTruth
    public let drive: SimulatedDrive

    public init(truth: SimulatedTruth, drive: SimulatedDrive) {
        self.truth = truth
        self.drive = drive
    }

    public func makeServices(context: DaemonContext) -> [any Service] {
        let simulated = context.rig.sensors.filter { $0.connection.simulated == true }
        let pps = simulated.first { $0.kind == .pps }
        let camera = SimulatedCameraWiring(rig: context.rig, rigPath: context.rigPath, truth: truth)
        var services: [any Service] = simulated.filter { $0.kind == .gnss }.map {
            SimulatedGNSSService(
                receiverId: $0.id, ppsId: pps?.id, truth: truth, drive: drive, context: context,
                eventInput: camera?.markReceiver == $0.id ? camera?.eventInput : nil)
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
