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

    /// Stops gpsfake and the gpsd it started. gpsd (3.22, started by gpsfake with `-N`) blocks SIGTERM and outlives
    /// a killed gpsfake as an orphan, so its pid is taken from gpsfake's children first and it is SIGKILLed.
    public func stop() {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        let children = Self.descendants(of: pid)
        kill(pid, SIGTERM)
        for _ in 0..<40 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        for child in children { kill(child, SIGKILL) }
    }

    /// Children (recursively) of `pid`, from `/proc/<pid>/task/<tid>/children` (Linux ≥ 3.5).
    static func descendants(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var out: [Int32] = []
        for task in tasks {
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)
            else { continue }
            for child in text.split(separator: " ").compactMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                out += [child] + descendants(of: child)
            }
        }
        return out
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
