public import TaktCore

/// Why a PTP camera operation failed, with what the operator needs: the USB error and device path, the PTP
/// operation and response code, or the protocol violation.
public enum PTPCameraError: Error, Hashable, Sendable, CustomStringConvertible {
    case usb(USBError)
    case protocolViolation(PTPError, device: String)
    case response(PTPOperationCode, PTPResponseCode, device: String)
    case captureTimedOut(after: Duration, device: String)
    case noObject(transactionID: UInt32, device: String)
    case notPTP(device: String)
    case downloadRejected(PTPDownloadCheck, filename: String)

    /// The device vanished: re-discovery, not retry, is the way forward.
    public var isDeviceGone: Bool {
        if case .usb(let error) = self { return error.isDeviceGone }
        return false
    }

    public var description: String {
        switch self {
        case .usb(let error): "\(error)"
        case .protocolViolation(let error, let device): "\(device): PTP protocol violation \(error)"
        case .response(let op, let code, let device): "\(device): PTP operation \(op) answered \(code)"
        case .captureTimedOut(let after, let device): "\(device): no ObjectAdded/CaptureComplete within \(after)"
        case .noObject(let tid, let device): "\(device): capture \(tid) completed without an object (card full?)"
        case .notPTP(let device): "\(device): no PTP interface (class 6/1/1 with bulk in/out and interrupt in)"
        case .downloadRejected(let check, let name): "\(name): download not verified (\(check)); kept on camera"
        }
    }
}
