import Foundation
import Glibc

/// A `takt` process started in its own process group. Its gpsfake and gpsd children must end by themselves when
/// takt is SIGKILLed (checked by `peersStillAlive`); `killGroup` remains the safety net so a failing run never
/// leaves them to the next test. Output goes to a log file for failure messages.
final class DaemonProcess {
    let pid: pid_t
    let logPath: String
    /// A path only this run's processes (takt, gpsfake) have on their command line.
    let marker: String
    private var exitStatus: Int32?

    enum Failure: Error, CustomStringConvertible {
        case spawn(Int32)
        var description: String {
            switch self {
            case .spawn(let e): "posix_spawn failed: \(String(cString: strerror(e)))"
            }
        }
    }

    /// Spawns `executable` with `arguments`; the child leads a new process group. The corresponding C function is
    /// `posix_spawn`.
    init(executable: String, arguments: [String], logPath: String, marker: String) throws {
        self.logPath = logPath
        self.marker = marker
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attr, argv, environ)
        guard rc == 0 else { throw Failure.spawn(rc) }
        pid = child
    }

    /// Sends `signal` to takt only.
    func signal(_ sig: Int32) {
        if exitStatus == nil { kill(pid, sig) }
    }

    /// SIGKILLs the gpsfake/gpsd group takt started (Foundation gives gpsfake its own group; it is found by
    /// `marker`, a path only this run's processes mention) and takt's own group, then reaps takt.
    ///
    /// Never signals by a pid that may have been reused: takt's group only until takt is reaped, other groups only
    /// through a live process found just now, and never the test runner's own group. (Pids wrap quickly on a busy
    /// CI host; an earlier version signalled `-pid` after reaping and could hit another test's process group.)
    func killGroup() {
        let ownGroup = getpgrp()
        for p in Self.processes(mentioning: marker) where p != pid {
            let g = getpgid(p)
            if g > 1, g != ownGroup { kill(-g, SIGKILL) }
            kill(p, SIGKILL)
        }
        guard exitStatus == nil else { return }
        kill(-pid, SIGKILL)
        _ = waitExit(timeoutSeconds: 10)
    }

    /// The peers takt started (gpsfake and its lifeline shell, found by `marker`) still alive after up to `seconds`;
    /// empty as soon as none is. After a SIGKILL of takt they must end by themselves: their lifeline pipe closed
    /// with takt (`ProcessGroup.spawnEndingWithParent`).
    func peersStillAlive(afterSeconds seconds: Double) -> [pid_t] {
        let deadline = Resilience.monotonicSeconds() + seconds
        var live = Self.processes(mentioning: marker).filter { $0 != pid }
        while !live.isEmpty && Resilience.monotonicSeconds() < deadline {
            usleep(20_000)
            live = Self.processes(mentioning: marker).filter { $0 != pid }
        }
        return live
    }

    /// Pids whose command line contains `marker` (read from /proc).
    static func processes(mentioning marker: String) -> [pid_t] {
        guard !marker.isEmpty, let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
            return []
        }
        return names.compactMap { name -> pid_t? in
            guard let p = pid_t(name), p != getpid(),
                let cmd = FileManager.default.contents(atPath: "/proc/\(name)/cmdline")
            else { return nil }
            return String(decoding: cmd.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(marker) ? p : nil
        }
    }

    /// Waits for takt to exit; nil on timeout. Returns the wait status's exit code, or 128+signal.
    func waitExit(timeoutSeconds: Double) -> Int32? {
        if let s = exitStatus { return s }
        let deadline = Resilience.monotonicSeconds() + timeoutSeconds
        repeat {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus = code
                return code
            }
            if r < 0 { return exitStatus }
            usleep(20_000)
        } while Resilience.monotonicSeconds() < deadline
        return nil
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "(no log)" }

    deinit {
        if exitStatus == nil { killGroup() }
    }
}
