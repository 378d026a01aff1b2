import TaktCore
import TaktDaemon

/// The simulated camera named by the rig's `trigger.cameraId` (a `simulated: true` camera), the event input it
/// shares with the receiver named by its `eventInput` option, and its options: `image` (fixture path relative to
/// the rig file), `shutterLagMs`, `deliveryMs`, `missEvery`, and what it reports as battery and storage:
/// `batteryPercent`, `batteryDrainPerImage`, `freeImages`.
struct SimulatedCameraWiring {
    let camera: SensorConfig
    let policy: TriggerPolicy
    let eventInput = SimulatedEventInput()
    let driver: SimulatedCamera

    init?(rig: RigConfig, rigPath: String, truth: SimulatedTruth) {
        guard let policy = rig.trigger, let id = policy.cameraId,
            let camera = rig.sensors.first(where: { $0.id == id && $0.kind == .camera }),
            camera.connection.simulated == true
        else { return nil }
        self.camera = camera
        self.policy = policy
        let options = camera.options ?? [:]
        var c = SimulatedCamera.Configuration()
        if let ms = options["shutterLagMs"].flatMap(Int.init) { c.shutterLag = .milliseconds(ms) }
        if let ms = options["deliveryMs"].flatMap(Int.init) { c.deliveryDelay = .milliseconds(ms) }
        if let n = options["missEvery"].flatMap(Int.init) { c.missEvery = max(0, n) }
        if let b = options["batteryPercent"].flatMap(Double.init) { c.batteryPercent = b }
        if let d = options["batteryDrainPerImage"].flatMap(Double.init) { c.batteryDrainPerImage = d }
        if let n = options["freeImages"].flatMap(Int.init) { c.freeImages = max(0, n) }
        driver = SimulatedCamera(
            cameraId: id, truth: truth, eventInput: options["eventInput"] == nil ? nil : eventInput,
            image: SimulatedCamera.loadImage(option: options["image"], rigPath: rigPath), configuration: c)
    }

    var markReceiver: String? { camera.options?["eventInput"] }

    func service(context: DaemonContext) -> SupervisedService {
        SupervisedService(
            name: camera.id, CameraService(camera: camera, policy: policy, driver: driver, context: context),
            context: context)
    }
}
