import CUSB

/// The one error type of the libusb adapter: the failing libusb call, its `libusb_error` code, libusb's own name and
/// text for it, and the device (bus/address) when one is involved.
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
        public static let noMemory = Code(rawValue: -11)
        public static let notSupported = Code(rawValue: -12)
    }

    public var function: String
    public var code: Code
    /// libusb's `libusb_error_name` and `libusb_strerror` for the code.
    public var message: String
    /// "bus 1 address 11", or empty when no device is involved.
    public var device: String

    /// The corresponding C functions are `libusb_error_name` and `libusb_strerror`.
    init(_ function: String, code: Int32, device: String = "") {
        self.function = function
        self.code = Code(rawValue: code)
        self.device = device
        let name = libusb_error_name(code).map { String(cString: $0) } ?? "LIBUSB_ERROR \(code)"
        let text = libusb_strerror(code).map { String(cString: $0) } ?? ""
        self.message = text.isEmpty ? name : "\(text) (\(name))"
    }

    public var description: String {
        device.isEmpty ? "\(function): \(message)" : "\(function) \(device): \(message)"
    }
}
