public import ServiceLifecycle
import TaktCore
public import TaktDaemon

/// Builds the simulator's services for the rig's `simulated: true` sensors: the raw u-blox stream and its PPS,
/// and the triggered 360° camera when the trigger policy names a simulated one.
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
        return services
    }
}
