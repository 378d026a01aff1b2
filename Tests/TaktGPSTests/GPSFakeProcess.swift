import Foundation
import Glibc
import TaktSimulation

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
        self.pid = try ProcessGroup.spawn([gpsfake, "-1", "-q", "-c", cycleSeconds, "-P", String(port), logPath], output: "/dev/null")
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

    /// A TCP port that was free a moment ago.
    static func freePort() throws -> Int { ProcessGroup.freeTCPPort() }
}

struct TestHarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
