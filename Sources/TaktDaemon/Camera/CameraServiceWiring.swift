import Logging
import TaktCore
import TaktUSB

/// Builds the camera service for a real rig: the trigger policy's `cameraId` names a camera with a `usb`
/// connection, driven over PTP. (Simulated cameras come from the simulator's factory.)
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
        if let box = policy.triggerBoxId {
            logger.warning("\(id): trigger box \(box) is not driven by the daemon yet; firing over PTP InitiateCapture")
        }
        let usbContext: USBContext
        do {
            usbContext = try USBContext()
        } catch {
            logger.error("\(id): libusb cannot start (\(error)); camera not recorded")
            return nil
        }
        let worker = PTPCameraWorker(context: usbContext, selector: selector)
        let driver = PTPCameraDriver(worker: worker, detail: "PTP \(camera.model)")
        return (id, CameraService(camera: camera, policy: policy, driver: driver, context: context))
    }
}
