import Foundation
import Glibc

/// Child processes the simulator and the tests start as peers (gpsfake, which starts gpsd): each in its own process
/// group so the whole group can be ended, since gpsfake leaves its gpsd behind otherwise.
public enum ProcessGroup {
    public enum SpawnError: Error, CustomStringConvertible {
        case failed(String, Int32)
        public var description: String {
            switch self {
            case .failed(let exe, let e): "posix_spawn \(exe) failed: \(String(cString: strerror(e)))"
            }
        }
    }

    /// posix_spawn with `POSIX_SPAWN_SETPGROUP` (group id = child pid); stdout/stderr to `output`.
    public static func spawn(_ argv: [String], output: String) throws -> Int32 {
        try spawn(argv, output: output, lifelineReadEnd: nil)
    }

    /// A process group that ends itself when this process dies, however it dies (SIGKILL included), so a killed
    /// `takt simulate` leaves no gpsfake/gpsd behind. The group's leader is a `/bin/sh` that starts `argv` in the
    /// background and blocks reading a pipe whose only write end (`lifeline`) this process holds; the kernel
    /// closes it when this process exits, the read returns, and the shell signals its whole group. Closing
    /// `lifeline` does the same on purpose. (PR_SET_PDEATHSIG would fire when the spawning *thread* exits, which
    /// for a pool thread is not the process's death.)
    public static func spawnEndingWithParent(_ argv: [String], output: String) throws -> (pid: Int32, lifeline: Int32) {
        var ends: [Int32] = [-1, -1]
        // (pipe2 is not in the Glibc module; another thread spawning between these lines could inherit the ends
        // for a moment, which only delays the group's end until that child exits.)
        guard pipe(&ends) == 0 else { throw SpawnError.failed("pipe", errno) }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[0]) }
        // The shell ignores the TERM it sends its group, gives gpsfake a second to end gpsd, then KILLs what is left.
        let script = "\"$@\" & read -r _ <&3; trap '' TERM; kill -TERM 0; sleep 1; kill -KILL 0"
        do {
            let pid = try spawn(["/bin/sh", "-c", script, "takt-lifeline"] + argv, output: output, lifelineReadEnd: ends[0])
            return (pid, ends[1])
        } catch {
            close(ends[1])
            throw error
        }
    }

    private static func spawn(_ argv: [String], output: String, lifelineReadEnd: Int32?) throws -> Int32 {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // A daemon ignores SIGTERM/SIGINT to take them through its signal handling, and ignored dispositions and
        // the signal mask survive exec: without resetting them a peer could not be stopped with SIGTERM.
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attr, 0)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attr, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // dup2 onto fd 3 clears close-on-exec for the child's copy only.
        if let fd = lifelineReadEnd { posix_spawn_file_actions_adddup2(&actions, fd, 3) }
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attr, cArgs, environ)
        guard rc == 0 else { throw SpawnError.failed(argv[0], rc) }
        return pid
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    public static func freeTCPPort() -> Int {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) }
        }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func canConnect(port: Int) -> Bool {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return rc == 0
    }
}
