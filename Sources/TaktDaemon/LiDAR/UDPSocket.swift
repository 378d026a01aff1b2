import Glibc

/// One bound, configured UDP socket; closes its descriptor in `deinit`.
///
/// Options, in order: `SO_REUSEADDR`; `SO_RCVBUFFORCE` (needs CAP_NET_ADMIN, beyond `net.core.rmem_max`), falling
/// back to `SO_RCVBUF`; `SO_TIMESTAMPNS` (kernel receive time); `SO_RXQ_OVFL` (kernel drop counter); `IP_PKTINFO`
/// (destination address).
final class UDPSocket {
    let descriptor: Int32
    let port: UInt16
    /// What the kernel granted (it reports double the requested size, as `socket(7)` explains).
    let receiveBufferBytes: Int
    let forcedBuffer: Bool

    init(address: UInt32, port: UInt16, receiveBufferBytes requested: Int) throws(UDPReceiverError) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw .socketFailed(errno: errno) }
        func set(_ level: Int32, _ name: Int32, _ value: Int32, _ label: String) throws(UDPReceiverError) {
            var value = value
            guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                let code = errno
                close(fd)
                throw .setOptionFailed(option: label, port: port, errno: code)
            }
        }
        try set(SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR")
        var size = Int32(clamping: requested)
        if setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, socklen_t(MemoryLayout<Int32>.size)) == 0 {
            forcedBuffer = true
        } else {
            forcedBuffer = false
            try set(SOL_SOCKET, SO_RCVBUF, size, "SO_RCVBUF")
        }
        try set(SOL_SOCKET, SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS")
        try set(SOL_SOCKET, SO_RXQ_OVFL, 1, "SO_RXQ_OVFL")
        try set(Int32(IPPROTO_IP), IP_PKTINFO, 1, "IP_PKTINFO")
        var granted: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &length)
        receiveBufferBytes = Int(granted)

        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        socketAddress.sin_addr = in_addr(s_addr: address.bigEndian)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw .bindFailed(address: IPv4Endpoint(address: address, port: port).description, port: port, errno: code)
        }
        var actual = sockaddr_in()
        var actualLength = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        descriptor = fd
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    deinit { close(descriptor) }
}
