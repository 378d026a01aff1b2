import Logging
import TaktCore
import TaktSerial
import TaktUSB

/// Builds the camera service for a real rig: the trigger policy's `cameraId` names a camera with a `usb`
/// connection, driven over PTP: fired by InitiateCapture, or, when the policy names a `triggerBoxId` reached over
/// serial, fired by the box's pulses with every announced image downloaded. (Simulated cameras come from the
/// simulator's factory.)
enum CameraServiceWiring {
    static func usbCamera(rig: RigConfig, logger: Logger, context: DaemonContext) -> (name: String, service: CameraService)? {
        guard let policy = rig.trigger, let id = policy.cameraId,
            let camera = rig.sensors.first(where: { $0.id == id && $0.kind == .camera }),
            camera.connection.simulated != true, let usb = camera.connection.usb
        else { return nil }
        guard let selector = CameraDeviceSelector(usb) else {
            logger.error("\(id): the usb connection names no vendor/product to select the camera by")
            return nil
        }
        let usbContext: USBContext
        do {
            usbContext = try USBContext()
        } catch {
            logger.error("\(id): libusb cannot start (\(error)); camera not recorded")
            return nil
        }
        if let boxId = policy.triggerBoxId {
            guard let box = rig.sensors.first(where: { $0.id == boxId && $0.kind == .triggerBox }),
                let serial = box.connection.serial
            else {
                logger.error("\(id): trigger box \(boxId) has no serial connection; camera not recorded")
                return nil
            }
            var workerConfiguration = PTPCameraWorker.Configuration()
            workerConfiguration.mode = .announcedObjects
            let worker = PTPCameraWorker(context: usbContext, selector: selector, configuration: workerConfiguration)
            let reader = SerialReader(
                path: serial.device, configuration: SerialConfiguration(baudRate: serial.baud),
                backoff: ReconnectBackoff(initialDelay: .milliseconds(100), maximumDelay: .milliseconds(500)))
            let driver = TriggerBoxCameraDriver(
                boxId: boxId, reader: reader, worker: worker, context: context,
                detail: "PTP \(camera.model) fired by trigger box \(boxId)",
                configuration: triggerBoxConfiguration(camera: camera, policy: policy))
            return (id, CameraService(camera: camera, policy: policy, driver: driver, context: context))
        }
        let worker = PTPCameraWorker(context: usbContext, selector: selector)
        let driver = PTPCameraDriver(worker: worker, detail: "PTP \(camera.model)")
        return (id, CameraService(camera: camera, policy: policy, driver: driver, context: context))
    }

    /// The image window closes before the next pulse can open one (0.9 × the minimum interval), so a skipped
    /// exposure never shifts images onto later triggers; the camera's `imageWindowMs` option can shorten it.
    static func triggerBoxConfiguration(camera: SensorConfig, policy: TriggerPolicy)
        -> TriggerBoxCameraDriver.Configuration
    {
        var c = TriggerBoxCameraDriver.Configuration()
        var window = 0.9 * (policy.minimumIntervalSeconds ?? 1.0)
        if let ms = camera.options?["imageWindowMs"].flatMap(Double.init) { window = min(window, ms / 1000) }
        c.imageWindow.maximumDelay = .nanoseconds(Int64(window * 1e9))
        if let ms = camera.options?["ackTimeoutMs"].flatMap(Int.init), ms > 0 { c.ackTimeout = .milliseconds(ms) }
        return c
    }
}
