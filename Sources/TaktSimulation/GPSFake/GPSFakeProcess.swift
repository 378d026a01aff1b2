import Foundation
import Glibc
import Synchronization
public import TaktCore

/// A real gpsd fed by gpsfake (gpsd-clients) replaying an NMEA log of the simulated drive: the simulator's GNSS
/// reaches Takt through libgps exactly as a receiver's would.
public final class GPSFakeProcess: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case cannotWriteLog(String)
        case didNotStart(port: Int, log: String)
        public var description: String {
            switch self {
            case .notInstalled: "gpsfake not found: install gpsd and gpsd-clients (./scripts/setup does)"
            case .cannotWriteLog(let p): "cannot write the simulated NMEA log \(p)"
            case .didNotStart(let port, let log): "gpsfake did not open port \(port); see \(log)"
            }
        }
    }

    public let port: Int
    public let logPath: String
    /// gpsfake's pid, which is also the process-group id of the gpsd it starts.
    private let pid: pid_t
    /// Holding it open keeps the group alive; the kernel closes it if takt dies (`ProcessGroup.spawnEndingWithParent`).
    private let lifeline: Int32
    private let reaped = Mutex(false)

    /// Writes `seconds` of 1 Hz NMEA epochs starting at `start` and launches gpsfake on a free port, in its own
    /// process group: gpsfake leaves its gpsd behind on SIGTERM after a single-shot replay, so `stop()` ends the group,
    /// and the group ends itself if takt dies without `stop()` (SIGKILL).
    public init(drive: SimulatedDrive, truth: SimulatedTruth, start: GPSTime, seconds: Int, workDirectory: String) throws {
        guard let exe = Self.which("gpsfake") else { throw Failure.notInstalled }
        var log = "# Takt simulated drive, 1 Hz NMEA (GGA, RMC, GST, ZDA)\n"
        for k in 0..<max(1, seconds) {
            let t = start + .seconds(k)
            let s = drive.state(at: truth.driveSeconds(at: t))
            log += NMEAEncoder.epoch(s, at: t, leapSeconds: truth.leapSeconds, satellites: 14, hdop: 0.8).joined()
        }
        let path = workDirectory + "/sim-gnss.nmea"
        guard FileManager.default.createFile(atPath: path, contents: Data(log.utf8)) else { throw Failure.cannotWriteLog(path) }
        logPath = path
        port = ProcessGroup.freeTCPPort()
        let out = workDirectory + "/gpsfake.log"
        // -1 once, -P port, -c 0.25 s between sentences (4 per epoch = 1 Hz), -q quiet.
        (pid, lifeline) = try ProcessGroup.spawnEndingWithParent(
            [exe, "-1", "-q", "-P", String(port), "-c", "0.25", path], output: out)
        // Wait (≤ 5 s) for gpsd to listen.
        for _ in 0..<100 {
            if ProcessGroup.canConnect(port: port) { return }
            usleep(50_000)
        }
        stop()
        throw Failure.didNotStart(port: port, log: out)
    }

    /// Stops gpsfake and the gpsd it started (the whole process group). Idempotent.
    public func stop() {
        let first = reaped.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        guard first else { return }
        kill(-pid, SIGTERM)
        for _ in 0..<20 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(25_000)
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) < 0 && errno == EINTR {}
        close(lifeline)
    }

    deinit { stop() }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}
