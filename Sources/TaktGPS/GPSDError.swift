import CGPS

/// The one error type of the libgps adapter: which libgps call failed, its code, libgps' own message for it, and
/// the gpsd endpoint, so an operator can tell "gpsd not running on localhost:2947" from "gpsd closed the socket".
public struct GPSDError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The libgps call that failed.
    public enum Operation: String, Hashable, Sendable {
        case open = "gps_open"
        case stream = "gps_stream"
        case read = "gps_read"
    }

    /// A libgps result code: negative values are libgps' own `NL_*`/`SHM_*` codes, positive ones are `errno`.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `gps_read` returned −1 with no errno: the daemon closed the connection (restart, shutdown).
        public static let closedByDaemon = Code(rawValue: 0)
        /// `NL_NOSERVICE`: the port is not a known service.
        public static let noService = Code(rawValue: -1)
        /// `NL_NOHOST`: the host name does not resolve.
        public static let noHost = Code(rawValue: -2)
        /// `NL_NOPROTO`: no TCP protocol entry.
        public static let noProtocol = Code(rawValue: -3)
        /// `NL_NOSOCK`: socket() failed.
        public static let noSocket = Code(rawValue: -4)
        /// `NL_NOSOCKOPT`: setsockopt() failed.
        public static let noSocketOption = Code(rawValue: -5)
        /// `NL_NOCONNECT`: nothing listens at host:port (gpsd not running).
        public static let noConnect = Code(rawValue: -6)
    }

    public var operation: Operation
    public var code: Code
    /// libgps' text for the code (`gps_errstr`), or a fixed text for `closedByDaemon`.
    public var message: String
    /// "host:port" of the gpsd this client talks to.
    public var endpoint: String

    /// Builds the error from a libgps code. The corresponding C function is `gps_errstr`.
    init(_ operation: Operation, code: Int32, endpoint: GPSDEndpoint) {
        self.operation = operation
        self.code = Code(rawValue: code)
        self.endpoint = endpoint.description
        if code == 0 {
            self.message = "gpsd closed the connection"
        } else if let text = gps_errstr(code) {
            self.message = String(cString: text)
        } else {
            self.message = "libgps error \(code)"
        }
    }

    public var description: String {
        "\(operation.rawValue) failed for gpsd at \(endpoint): \(message) (code \(code.rawValue))"
    }
}
