import Foundation
import Glibc
public import TaktCore

/// Serves status and control on a Unix stream socket: one JSON request line in, one JSON response line out.
///
/// Runs on its own thread so a busy cooperative pool can never delay `takt status`. The socket is created 0660 and
/// handed to the operator group; control commands are additionally checked against the peer's credentials
/// (SO_PEERCRED), so a process that can only read status cannot stop a recording.
public final class ControlServer: Sendable {
    public struct Peer: Sendable {
        public var pid: Int32
        public var uid: UInt32
        public var gid: UInt32
    }

    public typealias Handler = @Sendable (ControlRequest, Peer) -> ControlResponse

    public let path: String
    private let fd: Int32
    private let operatorGID: UInt32?
    private let handler: Handler
    private let thread: ThreadBox

    /// Binds and starts serving. Refuses to take over a socket another live daemon answers on.
    public init(path: String, group: String?, handler: @escaping Handler) throws(ControlSocketError) {
        self.path = path
        self.handler = handler
        if let probe = try? ControlClient(path: path, timeoutSeconds: 0.5).send(ControlRequest(command: .status)),
            probe.ok || probe.error != nil
        {
            throw .alreadyServing(path)
        }
        unlink(path)
        let s = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { throw .syscall("socket", path: path, errno: errno) }
        let bound = withUnixSocketAddress(path) { bind(s, $0, $1) }
        guard let bound else {
            close(s)
            throw .pathTooLong(path)
        }
        guard bound == 0 else {
            let e = errno
            close(s)
            throw .syscall("bind", path: path, errno: e)
        }
        var gid: UInt32? = nil
        if let group {
            guard let gr = getgrnam(group) else {
                close(s)
                throw .syscall("getgrnam(\(group))", path: path, errno: ENOENT)
            }
            gid = gr.pointee.gr_gid
            if chown(path, UInt32.max, gr.pointee.gr_gid) != 0 {
                let e = errno
                close(s)
                throw .syscall("chown to group \(group)", path: path, errno: e)
            }
        }
        guard chmod(path, 0o660) == 0 else {
            let e = errno
            close(s)
            throw .syscall("chmod 0660", path: path, errno: e)
        }
        guard listen(s, 16) == 0 else {
            let e = errno
            close(s)
            throw .syscall("listen", path: path, errno: e)
        }
        self.fd = s
        self.operatorGID = gid
        self.thread = ThreadBox()
        let serveFD = s
        let opGID = gid
        let h = handler
        let p = path
        thread.start(name: "takt-control") { Self.serve(fd: serveFD, path: p, operatorGID: opGID, handler: h) }
    }

    /// Stops accepting and removes the socket file.
    public func shutdown() {
        Glibc.shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        thread.join()
        unlink(path)
    }

    private static func serve(fd: Int32, path: String, operatorGID: UInt32?, handler: Handler) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let decoder = JSONDecoder()
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return  // socket closed by shutdown()
            }
            var tv = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            _ = fcntl(c, F_SETFD, FD_CLOEXEC)
            // struct ucred (glibc hides it behind _GNU_SOURCE): pid_t, uid_t, gid_t.
            var cred = PeerCredentials()
            var len = socklen_t(MemoryLayout<PeerCredentials>.size)
            getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cred, &len)
            let peer = Peer(pid: cred.pid, uid: cred.uid, gid: cred.gid)
            let response: ControlResponse
            if let line = readLine(fd: c, limit: 65536) {
                if let req = try? decoder.decode(ControlRequest.self, from: Data(line)) {
                    if req.command.isControl && !mayControl(peer, operatorGID: operatorGID) {
                        response = ControlResponse(
                            ok: false, error: "permission denied: '\(req.command.rawValue)' needs the operator group")
                    } else {
                        response = handler(req, peer)
                    }
                } else {
                    response = ControlResponse(ok: false, error: "malformed request: expected one JSON object per line")
                }
            } else {
                close(c)
                continue
            }
            if var out = try? encoder.encode(response) {
                out.append(UInt8(ascii: "\n"))
                _ = writeAll(fd: c, Array(out))
            }
            close(c)
        }
    }

    static func mayControl(_ peer: Peer, operatorGID: UInt32?) -> Bool {
        if peer.uid == 0 || peer.uid == getuid() { return true }
        guard let g = operatorGID else { return false }
        if peer.gid == g { return true }
        // Supplementary groups of the peer.
        guard let pw = getpwuid(peer.uid) else { return false }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: 64)
        if getgrouplist(pw.pointee.pw_name, peer.gid, &groups, &count) >= 0 {
            return groups.prefix(Int(count)).contains(g)
        }
        return false
    }
}

/// Layout of Linux `struct ucred`.
private struct PeerCredentials {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
