import CSerialPort
import Glibc

/// The one error type of the libserialport adapter: the failing C call, libserialport's result code (or the errno
/// of a raw ioctl), libserialport's own message, and the device path, e.g.
/// "sp_get_port_by_name /dev/ttyUSB0: Device not found (SP_ERR_ARG)".
public struct SerialPortError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A libserialport `sp_return` code (negative), or `errno` (positive) for the modem-line ioctls.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `SP_ERR_ARG`: bad argument, including "device not found" from the sysfs lookup.
        public static let invalidArgument = Code(rawValue: -1)
        /// `SP_ERR_FAIL`: an OS call failed; the message carries its strerror.
        public static let systemFailure = Code(rawValue: -2)
        /// `SP_ERR_MEM`: allocation failed.
        public static let outOfMemory = Code(rawValue: -3)
        /// `SP_ERR_SUPP`: not supported on this port or platform.
        public static let unsupported = Code(rawValue: -4)
        /// The device stopped answering (hung up / removed) while idle.
        public static let deviceGone = Code(rawValue: 5)  // EIO
    }

    /// The C function that failed, e.g. "sp_open" or "ioctl(TIOCMIWAIT)".
    public var function: String
    public var code: Code
    public var message: String
    public var device: String

    /// Builds an error from an `sp_return` code, reading `sp_last_error_message` when the code is `SP_ERR_FAIL`.
    /// The corresponding C functions are `sp_last_error_message` and `sp_free_error_message`.
    init(_ function: String, result: sp_return, device: String) {
        self.function = function
        self.code = Code(rawValue: result.rawValue)
        self.device = device
        switch result {
        case SP_ERR_FAIL:
            if let text = sp_last_error_message() {
                self.message = String(cString: text)
                sp_free_error_message(text)
            } else {
                self.message = "system call failed"
            }
        case SP_ERR_ARG: self.message = "invalid argument or device not found (SP_ERR_ARG)"
        case SP_ERR_MEM: self.message = "out of memory (SP_ERR_MEM)"
        case SP_ERR_SUPP: self.message = "not supported (SP_ERR_SUPP)"
        default: self.message = "libserialport error \(result.rawValue)"
        }
    }

    /// Builds an error from an `errno` returned by one of the shim's ioctl wrappers.
    init(_ function: String, errno: Int32, device: String) {
        self.function = function
        self.code = Code(rawValue: errno)
        self.device = device
        self.message = String(cString: strerror(errno))
    }

    public var description: String { "\(function) \(device): \(message) (code \(code.rawValue))" }
}
