import Foundation
import Glibc

/// gpsfake (and the gpsd it starts) as a test peer: started in its own session so the whole process group can be
/// killed, since gpsfake does not exit on SIGTERM after a single-shot replay and leaves its gpsd behind otherwise.
final class GPSFakeProcess {
    /// gpsfake's pid, which is also the process-group id gpsd inherits.
    let pid: pid_t
    let port: Int
    private var reaped = false

    /// Starts `gpsfake -1 -q -c <cycle> -P <port> <log>` in a new process group; gpsfake starts its own gpsd
    /// listening on `port`.
    init(logPath: String, port: Int, cycleSeconds: String = "0.02") throws {
        guard
            let gpsfake = ["/usr/bin/gpsfake", "/usr/local/bin/gpsfake"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else {
            throw TestHarnessError("gpsfake not found; install gpsd-clients (scripts/setup)")
        }
        self.port = port
        self.pid = try Self.spawnInNewGroup([gpsfake, "-1", "-q", "-c", cycleSeconds, "-P", String(port), logPath])
    }

    /// SIGKILLs gpsfake and its gpsd (the whole process group) and reaps gpsfake. Idempotent.
    func kill() {
        guard !reaped else { return }
        reaped = true
        Glibc.kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    deinit { kill() }

    /// posix_spawn with `POSIX_SPAWN_SETPGROUP` (group id = child pid) and stdio to /dev/null.
    static func spawnInNewGroup(_ argv: [String]) throws -> pid_t {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [Int32(1), 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attr, cArgs, environ)
        guard rc == 0 else { throw TestHarnessError("posix_spawn \(argv[0]) failed: errno \(rc)") }
        return pid
    }

    /// A TCP port that was free a moment ago (bound to port 0, read back, closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestHarnessError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        guard bound else { throw TestHarnessError("bind/getsockname failed: errno \(errno)") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

struct TestHarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
