import Foundation
import Glibc
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
    private let process: Process

    /// Writes `seconds` of 1 Hz NMEA epochs starting at `start` and launches gpsfake on a free port.
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
        port = Self.freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        // -1 once, -P port, -c 0.25 s between sentences (4 per epoch = 1 Hz), -q quiet.
        p.arguments = ["-1", "-q", "-P", String(port), "-c", "0.25", path]
        let out = workDirectory + "/gpsfake.log"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        let h = FileHandle(forWritingAtPath: out)
        p.standardOutput = h
        p.standardError = h
        p.standardInput = FileHandle.nullDevice
        try p.run()
        process = p
        // Wait (≤ 5 s) for gpsd to listen.
        for _ in 0..<100 {
            if Self.canConnect(port: port) { return }
            usleep(50_000)
        }
        p.terminate()
        throw Failure.didNotStart(port: port, log: out)
    }

    /// Stops gpsfake and the gpsd it started. Foundation starts gpsfake as a process-group leader and gpsd joins
    /// that group; gpsd 3.22 ignores the SIGTERM gpsfake relays, so after a grace period the whole group gets
    /// SIGKILL (signalling only gpsfake left an orphaned gpsd behind after every run).
    public func stop() {
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        // A pid stays reserved while it names a live process group, so `-pid` can only reach gpsfake's group.
        if process.isRunning, kill(-pid, SIGTERM) != 0 { kill(pid, SIGTERM) }
        for _ in 0..<40 where process.isRunning { usleep(50_000) }
        if kill(-pid, SIGKILL) != 0, process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static func freePort() -> Int {
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

    static func canConnect(port: Int) -> Bool {
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
