import Glibc
public import TaktCore

/// Finds the rig's camera and keeps a session open across unplug/replug: enumeration runs when libusb reports a
/// hot-plug event and at least every `pollInterval` (0.5 s) until the selector matches a device whose session
/// opens; each outage is recorded as a gap (`CameraLinkRecorder`) from the failed transfer to the re-opened session.
///
/// Blocking; run it on the camera's dedicated thread.
public final class PTPCameraLink {
    public let context: USBContext
    public let selector: CameraDeviceSelector
    public let pollInterval: Duration
    /// Delay before retrying a device that was found but failed to open.
    public let retryInterval: Duration
    public private(set) var recorder = CameraLinkRecorder()
    /// Attempts that found a matching device but could not open it or its session.
    public private(set) var failedAttempts = 0
    /// Why the last such attempt failed.
    public private(set) var lastFailure: PTPCameraError?
    public private(set) var camera: PTPCamera?
    /// Nil where libusb cannot report hot-plug events; the link then polls only.
    public let hotplug: USBHotplugMonitor?

    public init(
        context: USBContext,
        selector: CameraDeviceSelector,
        pollInterval: Duration = .milliseconds(500),
        retryInterval: Duration = .milliseconds(50)
    ) {
        self.context = context
        self.selector = selector
        self.pollInterval = pollInterval
        self.retryInterval = retryInterval
        self.hotplug = USBHotplugMonitor(context: context)
    }

    /// Returns an open camera, waiting for one for at most `timeout`, and the gap this connection closed, if any.
    public func connect(timeout: Duration) -> (PTPCamera, CameraLinkRecorder.Gap?)? {
        if let camera { return (camera, nil) }
        let deadline = MonotonicInstant.now() + timeout
        while true {
            var attemptFailed = false
            if let device = try? selector.select(from: context.devices()) {
                do throws(PTPCameraError) {
                    let camera = try PTPCamera(context: context, device: device)
                    try camera.openSession()
                    self.camera = camera
                    return (camera, recorder.handle(.sessionOpened(.now())))
                } catch {
                    failedAttempts += 1
                    lastFailure = error
                    attemptFailed = true
                }
            }
            // A device that just arrived may not be usable yet (udev still applying permissions; under umockdev the
            // preload still wiring the new fd), so a failed attempt is retried soon rather than at the next poll.
            let wait = attemptFailed ? min(pollInterval, retryInterval) : pollInterval
            if MonotonicInstant.now() + wait > deadline { return nil }
            if let hotplug {
                _ = hotplug.waitForChange(timeout: wait)
            } else {
                let micros = wait.components.seconds * 1_000_000 + wait.components.attoseconds / 1_000_000_000_000
                usleep(useconds_t(micros))
            }
        }
    }

    /// Drops the camera after a failure that means the device is gone, starting a gap.
    public func lost(_ error: PTPCameraError) {
        camera = nil
        recorder.handle(.lost(.now(), reason: error.description))
    }

    /// Closes the session and releases the device.
    public func close() {
        camera?.closeSession()
        camera = nil
    }
}
