public import TaktCore

/// A PTP still-image camera (Ricoh Theta Z1/X and other class 6/1/1 devices) driven over libusb.
///
/// All protocol logic is in the core (`PTPSession`, `PTPContainerDecoder`, `PTPCaptureTracker`,
/// `PTPDownloadCheck`); this class moves containers between them and the endpoints. Every call blocks its caller
/// for up to the transfer timeout, so a camera is owned by one dedicated thread, never by the cooperative pool.
///
///     let camera = try PTPCamera(context: usb, device: summary)
///     try camera.openSession()
///     let capture = try camera.capture(timeout: .seconds(10))
///     for handle in capture.objectHandles { let image = try camera.download(handle); … }
public final class PTPCamera {
    public let device: USBDeviceSummary
    public internal(set) var counters = PTPLinkCounters()
    /// Host stamps of the last command write and the last response, for the capture timing record.
    public private(set) var lastCommandSent = MonotonicInstant(nanoseconds: 0)
    public private(set) var lastResponseReceived = MonotonicInstant(nanoseconds: 0)
    public var transferTimeoutMilliseconds: UInt32 = 5000

    let handle: USBDeviceHandle
    let interface: USBDeviceSummary.Interface
    let bulkIn: UInt8
    let bulkOut: UInt8
    let events: USBInterruptListener
    var session = PTPSession()
    var decoder = PTPContainerDecoder()

    /// Opens the device, claims its PTP interface and starts listening for events.
    public init(context: USBContext, device: USBDeviceSummary) throws(PTPCameraError) {
        guard let interface = device.ptpInterface, let bulkIn = interface.bulkIn, let bulkOut = interface.bulkOut,
            let interruptIn = interface.interruptIn
        else { throw .notPTP(device: device.devicePath) }
        self.device = device
        self.interface = interface
        self.bulkIn = bulkIn
        self.bulkOut = bulkOut
        do throws(USBError) {
            handle = try context.open(device)
            try handle.claimInterface(interface.number)
            events = try USBInterruptListener(device: handle, endpoint: interruptIn)
            try events.start()
        } catch {
            throw .usb(error)
        }
    }

    deinit { events.stop() }

    /// Runs one transaction and returns the device's response, whatever its code.
    public func transact(_ request: PTPRequest) throws(PTPCameraError) -> PTPResponse {
        let containers: [PTPContainer]
        do throws(PTPError) {
            containers = try session.start(request)
        } catch {
            throw .protocolViolation(error, device: device.devicePath)
        }
        do throws(USBError) {
            lastCommandSent = .now()
            for container in containers {
                try handle.bulkWrite(bulkOut, container.encoded(), timeoutMilliseconds: transferTimeoutMilliseconds)
            }
            while true {
                if let response = drainDecoder() {
                    lastResponseReceived = .now()
                    return response
                }
                let chunk = try handle.bulkRead(
                    bulkIn,
                    maximumLength: 1 << 20,
                    timeoutMilliseconds: transferTimeoutMilliseconds
                )
                decoder.append(chunk)
            }
        } catch {
            session.abandon()
            decoder.reset()
            counters.discardedBytes = decoder.discardedBytes
            if error.isDeviceGone { session.reset() }
            throw .usb(error)
        }
    }

    /// Feeds decoded containers to the session; counts garbage and strays. Returns the response when complete.
    private func drainDecoder() -> PTPResponse? {
        while true {
            let next: PTPContainer?
            do throws(PTPError) {
                next = try decoder.next()
            } catch {
                counters.garbageTransfers += 1
                counters.discardedBytes = decoder.discardedBytes
                continue
            }
            guard let container = next else { return nil }
            switch session.receive(container) {
            case .awaitingMore: continue
            case .completed(let response): return response
            case .ignored: counters.ignoredContainers += 1
            }
        }
    }

    /// Runs `request` and throws unless the device answered OK.
    @discardableResult
    public func expectOK(_ request: PTPRequest) throws(PTPCameraError) -> PTPResponse {
        let response = try transact(request)
        guard response.code == .ok else {
            throw .response(request.operation, response.code, device: device.devicePath)
        }
        return response
    }
}
