import Foundation

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

    /// Starts `tcpdump -i lo -B <KiB> -w path udp dst port <port>` and waits until it is listening.
    init(executable: String, port: UInt16, path: String, bufferKiB: Int) throws {
        self.path = path
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-i", "lo", "-n", "-s", "0", "-B", String(bufferKiB), "-w", path, "udp", "dst", "port", String(port)]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.stderrText += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if lock.withLock({ stderrText.contains("listening on") }) { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.terminate()
        throw Failed(description: "tcpdump did not start listening: \(lock.withLock { stderrText })")
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
