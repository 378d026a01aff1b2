/// Why the UDP receiver could not start; each case carries errno and the port to check.
public enum UDPReceiverError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidAddress(String)
    case socketFailed(errno: Int32)
    case setOptionFailed(option: String, port: UInt16, errno: Int32)
    case bindFailed(address: String, port: UInt16, errno: Int32)
    /// `recvmmsg` could not be found in the C library.
    case batchReceiveUnavailable

    public var description: String {
        switch self {
        case .invalidAddress(let text): "UDP bind address \(text) is not a dotted-quad IPv4 address"
        case .socketFailed(let code): "socket(AF_INET, SOCK_DGRAM) failed: \(errnoText(code))"
        case .setOptionFailed(let option, let port, let code):
            "setsockopt(\(option)) on UDP port \(port) failed: \(errnoText(code))"
        case .bindFailed(let address, let port, let code):
            "bind(\(address):\(port)) failed: \(errnoText(code)) — is another receiver on that port?"
        case .batchReceiveUnavailable: "recvmmsg is not available in this C library"
        }
    }
}
