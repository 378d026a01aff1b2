import Foundation
import TaktCore
import Testing

@testable import TaktStore

/// Helpers shared by the store tests: scratch directories, external peers as processes, shared data, synthetic
/// but decodable sensor records.
enum TestSupport {
    /// `<repo>/../shared` or `TAKT_SHARED`.
    static var sharedDirectory: String {
        if let env = ProcessInfo.processInfo.environment["TAKT_SHARED"] { return env }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared").path
    }

    /// Reads a shared data file, recording a clear failure when shared data is missing.
    static func sharedFile(_ relative: String) throws -> [UInt8] {
        let path = sharedDirectory + "/" + relative
        guard FileManager.default.fileExists(atPath: path) else {
            Issue.record("shared data missing: \(path) (set TAKT_SHARED or link ../shared)")
            throw CancellationError()
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A fresh scratch directory.
    static func scratch(_ name: String = #function) throws -> String {
        let clean = name.filter { $0.isLetter || $0.isNumber }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "takt-store-\(clean)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    struct ProcessResult {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
    }

    /// Runs `args[0]` found on PATH with the rest as arguments.
    @discardableResult
    static func run(_ args: [String], in directory: String? = nil) throws -> ProcessResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        if let d = directory { p.currentDirectoryURL = URL(fileURLWithPath: d) }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read before waiting so a large output cannot fill the pipe and deadlock.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return ProcessResult(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self), stdoutBytes: o)
    }

    /// The Ouster OS-0-32 capture from shared data, as datagrams with their real addresses, ports and times.
    static func ousterDatagrams() throws -> [PcapUDPDatagram] {
        let bytes = try sharedFile("data/lidar/ouster/OS-0-32-U1_v2.2.0_1024x10.pcap")
        guard let file = PcapFile(bytes) else {
            Issue.record("Ouster sample is not a pcap")
            return []
        }
        return file.udpDatagrams
    }

    static let ousterMetadataPath = "data/lidar/ouster/OS-0-32-U1_v2.2.0_1024x10.json"

    /// A UBX RXM-RAWX frame with `satellites` GPS measurements at receiver time of week `tow` seconds; RTKLIB's
    /// convbin turns each into one RINEX observation epoch.
    static func rawx(tow: Double, week: UInt16 = 2300, satellites: Int = 5, seed: UInt64 = 0) -> [UInt8] {
        var p: [UInt8] = []
        p += le(tow.bitPattern)
        p += le16(week)
        p += [18, UInt8(satellites), 0x01, 0x01, 0, 0]  // leapS, numMeas, recStat, version, reserved
        for sv in 1...satellites {
            let pr = 2.1e7 + Double(sv) * 1000 + tow.truncatingRemainder(dividingBy: 100) * 10 + Double(seed % 7)
            p += le(pr.bitPattern)
            p += le((1.1e8 + Double(sv)).bitPattern)
            p += le32(Float(100).bitPattern)
            p += [0, UInt8(sv), 0, 0]  // gnssId GPS, svId, sigId, freqId
            p += le16(1000)  // locktime
            p += [40, 5, 5, 5, 0x07, 0]  // cno, stdevs, trkStat (pr+cp valid), reserved
        }
        return UBXFrame.encode(messageClass: 0x02, id: 0x15, payload: p)
    }

    /// A checksum-valid NMEA GGA sentence.
    static func gga(_ second: Int) -> [UInt8] {
        let body =
            "GPGGA,0812\(String(format: "%02d", second % 60)).00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"
        let sum = body.utf8.reduce(UInt8(0)) { $0 ^ $1 }
        return Array("$\(body)*\(String(format: "%02X", sum))\r\n".utf8)
    }

    /// Real JPEGs encoded by Pillow (an independent encoder), `count` of them, different sizes.
    static func jpegs(count: Int, in dir: String) throws -> [[UInt8]] {
        let script = """
            import sys, io
            from PIL import Image
            out = sys.argv[1]
            for i in range(int(sys.argv[2])):
                im = Image.new('RGB', (64 + 8 * i, 48), (10 * i % 256, 80, 200))
                for x in range(0, im.width, 3):
                    im.putpixel((x, x % im.height), (255, 255 - x % 256, x % 256))
                im.save(f'{out}/{i}.jpg', 'JPEG', quality=85)
            """
        let r = try run(["python3", "-c", script, dir, String(count)])
        #expect(r.status == 0, "Pillow failed: \(r.stderr)")
        return try (0..<count).map { Array(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\($0).jpg"))) }
    }

    /// python-mcap reads the file with CRC validation (seeking reader and a full stream pass) and returns
    /// (messages iterated, Statistics message count); nil with the error text recorded when it cannot.
    static func pythonMCAPCounts(_ path: String) throws -> (messages: Int, statistics: Int)? {
        let script = """
            import sys
            from mcap.reader import make_reader
            from mcap.stream_reader import StreamReader
            p = sys.argv[1]
            with open(p, 'rb') as f:
                r = make_reader(f, validate_crcs=True)
                n = sum(1 for _ in r.iter_messages())
                s = r.get_summary().statistics.message_count
            with open(p, 'rb') as f:
                for _ in StreamReader(f, validate_crcs=True).records:
                    pass
            print(n, s)
            """
        let r = try run(["python3", "-c", script, path])
        let parts = r.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        guard r.status == 0, parts.count == 2 else {
            Issue.record("python-mcap rejected \(path): \(r.stderr)")
            return nil
        }
        return (parts[0], parts[1])
    }

    static func le(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }

    static func fileBytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}

/// SplitMix64: seeded, reproducible randomness for crash cases.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
