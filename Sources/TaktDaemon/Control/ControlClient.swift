import Foundation
import Glibc
public import TaktCore

/// Talks to a running daemon's control socket. Used by `takt status` and the control commands.
public struct ControlClient: Sendable {
    public let path: String
    public let timeoutSeconds: Double

    public init(path: String, timeoutSeconds: Double = 2) {
        self.path = path
        self.timeoutSeconds = timeoutSeconds
    }

    public func send(_ request: ControlRequest) throws(ControlSocketError) -> ControlResponse {
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw .syscall("socket", path: path, errno: errno) }
        defer { close(s) }
        var tv = timeval(tv_sec: Int(timeoutSeconds), tv_usec: Int((timeoutSeconds - Double(Int(timeoutSeconds))) * 1e6))
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        guard let rc = withUnixSocketAddress(path, { connect(s, $0, $1) }) else { throw .pathTooLong(path) }
        guard rc == 0 else { throw .daemonNotRunning(path: path, errno: errno) }
        guard var body = try? JSONEncoder().encode(request) else {
            throw .badResponse(path: path, detail: "cannot encode request")
        }
        body.append(UInt8(ascii: "\n"))
        guard writeAll(fd: s, Array(body)) else { throw .syscall("write", path: path, errno: errno) }
        guard let line = readLine(fd: s, limit: 1 << 22) else {
            if errno == EAGAIN || errno == EWOULDBLOCK { throw .timeout(path: path) }
            throw .syscall("read", path: path, errno: errno)
        }
        if line.isEmpty { throw .badResponse(path: path, detail: "connection closed without an answer") }
        do {
            return try JSONDecoder().decode(ControlResponse.self, from: Data(line))
        } catch {
            throw .badResponse(path: path, detail: "\(error)")
        }
    }
}
