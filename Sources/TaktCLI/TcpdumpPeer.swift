import Foundation
import Glibc

/// `tcpdump -w` capturing the same loopback stream as Takt, the peer the LiDAR bench compares against.
///
/// `@unchecked Sendable`: `stderrText` is only touched under `lock`; the process handle is used from the
/// bench's thread only.
final class TcpdumpPeer: @unchecked Sendable {
    let path: String
    private let process = Process()
    private let lock = NSLock()
    private var stderrText = ""

    struct Failed: Error, CustomStringConvertible { var description: String }

    /// Starts `tcpdump -i lo -B <KiB> -w path udp and (dst port <p1> or dst port <p2> …)` and waits until it is
    /// listening.
    init(executable: String, ports: [UInt16], path: String, bufferKiB: Int) throws {
        self.path = path
        process.executableURL = URL(fileURLWithPath: executable)
        let filter = "udp and (" + ports.map { "dst port \($0)" }.joined(separator: " or ") + ")"
        process.arguments = ["-i", "lo", "-n", "-s", "0", "-B", String(bufferKiB), "-w", path, filter]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try Self.runWithSignalsUnblocked(process)
        let reader = pipe.fileHandleForReading
        Thread { [self] in
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                lock.withLock { stderrText += String(decoding: data, as: UTF8.self) }
            }
        }.start()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if lock.withLock({ stderrText.contains("listening on") }) { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.terminate()
        throw Failed(description: "tcpdump did not start listening: \(lock.withLock { stderrText })")
    }

    /// Spawns from a thread with an empty signal mask: the child inherits its parent thread's mask, and the async
    /// runtime's threads block SIGINT, which would leave tcpdump deaf to the stop request.
    private static func runWithSignalsUnblocked(_ process: Process) throws {
        final class Outcome: @unchecked Sendable {
            // Written by the spawning thread before `done.signal()`, read after `done.wait()`.
            var error: (any Error)?
            let done = DispatchSemaphore(value: 0)
        }
        let outcome = Outcome()
        Thread {
            var none = sigset_t()
            sigemptyset(&none)
            pthread_sigmask(SIG_SETMASK, &none, nil)
            do { try process.run() } catch { outcome.error = error }
            outcome.done.signal()
        }.start()
        outcome.done.wait()
        if let error = outcome.error { throw error }
    }

    /// CPU seconds tcpdump has used so far (user + system, from /proc/<pid>/stat).
    var cpuSeconds: Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3, utime 14 and stime 15 (1-based, over the whole line).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Stops tcpdump (SIGINT, so it flushes the file) and returns its "dropped by kernel" count.
    func stop() -> (captured: Int?, droppedByKernel: Int?) {
        process.interrupt()
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.05)
        let text = lock.withLock { stderrText }
        func number(before suffix: String) -> Int? {
            for line in text.split(separator: "\n") where line.hasSuffix(suffix) {
                return Int(line.split(separator: " ").first ?? "")
            }
            return nil
        }
        return (number(before: "packets captured"), number(before: "packets dropped by kernel"))
    }
}

/// Counts the records of a classic pcap file by walking record headers (files here reach gigabytes).
enum PcapRecordCounter {
    /// Records per UDP destination port, for Ethernet + 20-byte IPv4 + UDP records (tcpdump on `lo`, Takt's
    /// segment pcaps); records of another shape count under port 0.
    static func countByPort(path: String) -> [UInt16: Int]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 24), header.count == 24 else { return nil }
        let magic = header.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        let swapped = magic == 0xD4C3_B2A1 || magic == 0x4D3C_B2A1
        var offset: UInt64 = 24
        var counts: [UInt16: Int] = [:]
        while true {
            guard (try? handle.seek(toOffset: offset)) != nil, let record = try? handle.read(upToCount: 16 + 38),
                record.count >= 16
            else { break }
            var included = record.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) }
            if swapped { included = included.byteSwapped }
            let bytes = [UInt8](record)
            let isUDP = bytes.count == 54 && bytes[28] == 0x08 && bytes[29] == 0x00 && bytes[39] == 17
            let port = isUDP ? UInt16(bytes[52]) << 8 | UInt16(bytes[53]) : 0
            counts[port, default: 0] += 1
            offset += 16 + UInt64(included)
        }
        return counts
    }

    static func count(path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 24), header.count == 24 else { return nil }
        let magic = header.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        let swapped = magic == 0xD4C3_B2A1 || magic == 0x4D3C_B2A1
        var offset: UInt64 = 24
        var records = 0
        while true {
            guard (try? handle.seek(toOffset: offset)) != nil, let record = try? handle.read(upToCount: 16),
                record.count == 16
            else { break }
            var included = record.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) }
            if swapped { included = included.byteSwapped }
            records += 1
            offset += 16 + UInt64(included)
        }
        return records
    }
}
