public import ArgumentParser
import Foundation
import TaktCore
import TaktStore
import TaktUSB

extension Takt.Probe {
    /// `takt probe camera`: find a PTP camera through libusb, capture, download, verify and (optionally) delete,
    /// recovering from unplug/replug. Prints JSON lines (see `CameraProbeLine`). Used by the umockdev camera tests
    /// (hw/emulation/ptp_camera.py) and for bench bring-up of a real Theta.
    public struct Camera: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Capture from a USB PTP camera through libusb; print devices, captures and gaps as JSON lines."
        )

        @Option(help: "USB vendor ID (hex), e.g. 05ca. Without it any PTP-class (6/1/1) device matches.")
        var vendor: String?

        @Option(help: "USB product ID (hex), e.g. 036d.")
        var product: String?

        @Option(help: "Rig file whose first camera sensor's usb endpoint selects the device (instead of --vendor).")
        var rig: String?

        @Flag(help: "Only list the USB devices libusb enumerates, marking PTP cameras, then exit.")
        var list = false

        @Option(help: "Number of captures.")
        var captures = 1

        @Option(help: "Directory to save downloaded images in.")
        var out: String?

        @Flag(help: "Delete each image from the camera after a verified download.")
        var delete = false

        @Option(help: "Milliseconds to wait for a capture's ObjectAdded/CaptureComplete.")
        var captureTimeoutMs = 10_000

        @Option(help: "Milliseconds before a single USB bulk transfer times out.")
        var transferTimeoutMs = 5_000

        @Option(help: "Milliseconds of one search for the camera; the probe gives up after five fruitless searches.")
        var reconnectTimeoutMs = 10_000

        public init() {}

        public func validate() throws {
            if vendor.map({ UInt16($0, radix: 16) == nil }) == true { throw ValidationError("--vendor: not hex") }
            if product.map({ UInt16($0, radix: 16) == nil }) == true { throw ValidationError("--product: not hex") }
            if product != nil, vendor == nil { throw ValidationError("--product needs --vendor") }
            if captures < 0 { throw ValidationError("--captures must be >= 0") }
            if rig != nil, vendor != nil { throw ValidationError("--rig and --vendor are exclusive") }
        }

        /// From `--rig` (the first camera sensor's `usb` endpoint) or from `--vendor`/`--product`.
        func selector() throws -> CameraDeviceSelector {
            guard let rig else {
                return CameraDeviceSelector(
                    vendorID: vendor.flatMap { UInt16($0, radix: 16) },
                    productID: product.flatMap { UInt16($0, radix: 16) }
                )
            }
            let config: RigConfig
            do throws(RigFile.LoadError) { config = try RigFile.load(path: rig) } catch {
                throw ValidationError("--rig \(rig): \(error)")
            }
            guard let endpoint = config.sensors(of: .camera).compactMap(\.connection.usb).first,
                let selector = CameraDeviceSelector(endpoint)
            else { throw ValidationError("--rig \(rig): no camera sensor with a usable usb endpoint") }
            return selector
        }

        public func run() async throws {
            let usb: USBContext
            do throws(USBError) { usb = try USBContext() } catch {
                CameraProbeLine.emit(["event": "failed", "error": error.description])
                throw ExitCode(3)
            }
            let selector = try self.selector()
            if list {
                do throws(USBError) {
                    for device in try usb.devices() { CameraProbeLine.emit(CameraProbeLine.device(device, selector)) }
                } catch {
                    CameraProbeLine.emit(["event": "failed", "error": error.description])
                    throw ExitCode(3)
                }
                return
            }
            var configuration = PTPCameraWorker.Configuration()
            configuration.deleteAfterVerifiedDownload = delete
            configuration.captureTimeout = .milliseconds(captureTimeoutMs)
            configuration.transferTimeoutMilliseconds = UInt32(clamping: transferTimeoutMs)
            configuration.searchWindow = .milliseconds(reconnectTimeoutMs)
            let worker = PTPCameraWorker(context: usb, selector: selector, configuration: configuration)
            let ok = await CameraProbeSession(worker: worker, outDirectory: out).run(captures: captures)
            if !ok { throw ExitCode(4) }
        }
    }
}
