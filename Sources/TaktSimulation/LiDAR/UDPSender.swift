import Glibc

/// A UDP socket for the replayer; closes in `deinit`. The corresponding C function for `send` is `sendto`.
final class UDPSender {
    let descriptor: Int32
    let destination: UInt32

    init(destination: UInt32, sendBufferBytes: Int32 = 8 << 20) throws(LiDARReplayError) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw .socketFailed(errno: errno) }
        var size = sendBufferBytes
        if setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, socklen_t(MemoryLayout<Int32>.size)) != 0 {
            setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        descriptor = fd
        self.destination = destination
    }

    deinit { close(descriptor) }

    func send(_ payload: [UInt8], to port: UInt16) throws(LiDARReplayError) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: destination.bigEndian)
        let result = payload.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == payload.count else { throw .sendFailed(port: port, errno: errno) }
    }

    static func monotonicNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// Absolute-deadline sleep, so pacing error does not accumulate.
    static func sleep(until nanoseconds: Int64) {
        guard nanoseconds > monotonicNow() else { return }
        var deadline = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil) == EINTR {}
    }
}
