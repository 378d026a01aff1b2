import Glibc

/// sd_notify(3) without libsystemd: one datagram to `$NOTIFY_SOCKET`. A no-op when not run by systemd.
public struct SystemdNotifier: Sendable {
    let path: String?

    public init(environment: [String: String]) {
        path = environment["NOTIFY_SOCKET"]
    }

    public func notify(_ state: String) {
        guard var p = path, !p.isEmpty else { return }
        let abstract = p.hasPrefix("@")
        if abstract { p.removeFirst() }
        let s = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard s >= 0 else { return }
        defer { close(s) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(p.utf8)
        let cap = MemoryLayout.size(ofValue: addr.sun_path)
        guard bytes.count + (abstract ? 1 : 0) < cap else { return }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            let off = abstract ? 1 : 0
            if abstract { raw[0] = 0 }
            for (i, b) in bytes.enumerated() { raw[off + i] = b }
        }
        let len = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 1 : 0))
        let msg = Array(state.utf8)
        _ = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { a in
                msg.withUnsafeBytes { sendto(s, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), a, len) }
            }
        }
    }
}
