import Foundation
import TaktCore
import Testing

@testable import TaktStore

/// `RawRecordScanner` against independent readers on real recordings (pyubx2 on gpsd's u-blox logs, capinfos on
/// Ouster captures), and the drip-feed invariant: byte by byte, in random pieces and all at once give one answer.
@Suite struct ScannerPeerTests {
    static let ubloxLogs = [
        "ublox-zed-f9t-ubx_nmea_l5.log", "ublox-zed-f9p-sfrbx.log", "ublox-neo-m8n.log", "ublox-zed-f9p-rtk.log",
        "ublox-neo-m8t-s.log",
    ]

    @Test(arguments: ubloxLogs)
    func ubxAndNMEACountsMatchPyubx2(log: String) throws {
        let rel = "data/gnss/gpsd-test-logs/" + log
        let bytes = try TestSupport.sharedFile(rel)
        let result = RawRecordScanner.scan(bytes, kind: .ubx)
        let script = """
            import sys, io
            from pyubx2 import UBXReader, UBX_PROTOCOL, NMEA_PROTOCOL
            data = open(sys.argv[1], 'rb').read()
            u = n = 0
            for raw, parsed in UBXReader(io.BytesIO(data), protfilter=UBX_PROTOCOL | NMEA_PROTOCOL, quitonerror=0):
                if raw[:2] == b'\\xb5\\x62':
                    u += 1
                else:
                    n += 1
            print(u, n)
            """
        let r = try TestSupport.run(["python3", "-c", script, TestSupport.sharedDirectory + "/" + rel])
        let peer = r.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        #expect(peer == [result.ubxFrames, result.nmeaSentences], "pyubx2 \(peer) \(r.stderr)")
        #expect(result.records > 0)
        assertDripFeed(bytes, kind: .ubx, seed: UInt64(log.count))
    }

    @Test(arguments: ["OS-0-32-U1_v2.2.0_1024x10.pcap", "OS-2-32-U0_v2.0.0_1024x10.pcap", "empty_pcap.pcap"])
    func pcapCountsMatchCapinfos(file: String) throws {
        let rel = "data/lidar/ouster/" + file
        let bytes = try TestSupport.sharedFile(rel)
        let result = RawRecordScanner.scan(bytes, kind: .pcap)
        let cap = try TestSupport.run(["capinfos", "-c", "-M", TestSupport.sharedDirectory + "/" + rel])
        #expect(cap.stdout.range(of: #"Number of packets:\s+\#(result.records)\b"#, options: .regularExpression) != nil)
        #expect(result.isSound, "\(result.problems)")
        assertDripFeed(bytes, kind: .pcap, seed: 3)
        // Every cut inside the last record trims back to the previous record boundary.
        if result.records > 0 {
            let cut = RawRecordScanner.scan(Array(bytes.dropLast(5)), kind: .pcap)
            #expect(cut.records == result.records - 1 && cut.tailBytes > 0)
        }
    }

    @Test func jpegWholeAndEveryTruncationDetected() throws {
        let dir = try TestSupport.scratch()
        for jpeg in try TestSupport.jpegs(count: 2, in: dir) {
            #expect(RawRecordScanner.scan(jpeg, kind: .jpeg).isSound)
            assertDripFeed(jpeg, kind: .jpeg, seed: 5)
            for cut in stride(from: 1, to: jpeg.count, by: 7) {
                #expect(!RawRecordScanner.scan(Array(jpeg.prefix(cut)), kind: .jpeg).isSound, "cut at \(cut)")
            }
        }
    }

    func assertDripFeed(_ bytes: [UInt8], kind: RawFileKind, seed: UInt64) {
        let whole = RawRecordScanner.scan(bytes, kind: kind)
        var oneByOne = RawRecordScanner(kind: kind)
        for b in bytes { oneByOne.consume([b]) }
        #expect(oneByOne.finish() == whole)
        var rng = SeededRandom(seed: seed)
        var pieces = RawRecordScanner(kind: kind)
        var i = 0
        while i < bytes.count {
            let n = Int.random(in: 1...4096, using: &rng)
            pieces.consume(Array(bytes[i..<min(bytes.count, i + n)]))
            i += n
        }
        #expect(pieces.finish() == whole)
    }
}
