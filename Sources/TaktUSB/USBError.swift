import CUSB

/// The one error type of the libusb adapter: the failing C call, libusb's error code, libusb's own name and message
/// for it, and the device path, e.g. "libusb_bulk_transfer /dev/bus/usb/001/011: LIBUSB_ERROR_NO_DEVICE (No such
/// device (it may have been disconnected))".
public struct USBError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A `libusb_error` value (negative).
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let io = Code(rawValue: -1)
        public static let invalidParameter = Code(rawValue: -2)
        public static let access = Code(rawValue: -3)
        public static let noDevice = Code(rawValue: -4)
        public static let notFound = Code(rawValue: -5)
        public static let busy = Code(rawValue: -6)
        public static let timeout = Code(rawValue: -7)
        public static let overflow = Code(rawValue: -8)
        public static let pipe = Code(rawValue: -9)
        public static let interrupted = Code(rawValue: -10)
        public static let noMemory = Code(rawValue: -11)
        public static let notSupported = Code(rawValue: -12)
        public static let other = Code(rawValue: -99)
    }

    public var function: String
    public var code: Code
    public var name: String
    public var message: String
    public var device: String

    /// The corresponding C functions are `libusb_error_name` and `libusb_strerror`.
    init(_ function: String, code: Int32, device: String) {
        self.function = function
        self.code = Code(rawValue: code)
        self.device = device
        self.name = String(cString: libusb_error_name(code))
        self.message = String(cString: libusb_strerror(code))
    }

    /// Maps an asynchronous transfer's final status to the error code a synchronous call would have returned.
    init(_ function: String, transferStatus: libusb_transfer_status, device: String) {
        let code: Int32 =
            switch transferStatus {
            case LIBUSB_TRANSFER_TIMED_OUT: LIBUSB_ERROR_TIMEOUT.rawValue
            case LIBUSB_TRANSFER_STALL: LIBUSB_ERROR_PIPE.rawValue
            case LIBUSB_TRANSFER_NO_DEVICE: LIBUSB_ERROR_NO_DEVICE.rawValue
            case LIBUSB_TRANSFER_OVERFLOW: LIBUSB_ERROR_OVERFLOW.rawValue
            case LIBUSB_TRANSFER_CANCELLED: LIBUSB_ERROR_INTERRUPTED.rawValue
            default: LIBUSB_ERROR_IO.rawValue
            }
        self.init(function, code: code, device: device)
    }

    /// The device is gone (unplugged, powered off); only re-discovery can help.
    public var isDeviceGone: Bool { code == .noDevice }

    public var description: String { "\(function) \(device): \(name) (\(message))" }
}
