import Foundation
import TaktCore
import Testing

@testable import TaktStore

/// A written-and-closed segment checked by independent tools: coreutils, bagit-python, Wireshark's capinfos and
/// tshark, RTKLIB's convbin.
@Suite struct SegmentPeerTests {
    @Test func closedSegmentPassesEveryPeer() throws {
        let out = try TestSupport.scratch()
        var fx = try SegmentFixture(outputDirectory: out)
        let ouster = try TestSupport.ousterDatagrams()
        #expect(ouster.count == 74)
        try fx.addLidar(ouster, count: ouster.count)
        try fx.addGNSS(epochs: 10)
        try fx.addImages(try TestSupport.jpegs(count: 3, in: out))
        try fx.segment.syncAll()
        try fx.finishTimeline()
        try fx.segment.close(reason: .stopped, info: .init(end: SegmentFixture.start + .seconds(60)))
        try fx.session.finish()
        let seg = fx.segmentPath

        // Manifests: coreutils and bagit-python.
        let sha = try TestSupport.run(["sha256sum", "-c", "manifest-sha256.txt"], in: seg)
        #expect(sha.status == 0, "\(sha.stdout)\(sha.stderr)")
        #expect(sha.stdout.components(separatedBy: ": OK").count - 1 == 7)  // pcap, json, ubx, mcap, 3 jpg
        let tag = try TestSupport.run(["sha256sum", "-c", "tagmanifest-sha256.txt"], in: seg)
        #expect(tag.status == 0, "\(tag.stdout)\(tag.stderr)")
        let bagit = try TestSupport.run(["python3", "-m", "bagit", "--validate", seg])
        #expect(bagit.status == 0, "bagit: \(bagit.stderr)")
        let sessionSums = try TestSupport.run(["sha256sum", "-c", SessionWriter.manifestFileName], in: fx.session.path)
        #expect(sessionSums.status == 0, "\(sessionSums.stdout)\(sessionSums.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fx.session.path + "/session.lock"))

        // pcap: capinfos sees a nanosecond Ethernet file with every packet.
        let pcap = seg + "/data/" + SegmentFixture.pcapPath
        let cap = try TestSupport.run(["capinfos", "-t", "-E", "-c", "-a", "-e", "-S", pcap])
        #expect(cap.status == 0, "\(cap.stderr)")
        #expect(cap.stdout.contains("Ethernet"))
        #expect(cap.stdout.contains("pcap"))
        #expect(
            cap.stdout.range(of: #"Number of packets:\s+74\b"#, options: .regularExpression) != nil, "\(cap.stdout)")
        let prec = try TestSupport.run(["capinfos", "-M", pcap])
        #expect(prec.stdout.contains("nanoseconds"), "\(prec.stdout)")
        #expect(!cap.stderr.contains("cut short"))

        // tshark: every UDP payload equals the input datagram, in order, and equals what tshark reads from the
        // original Ouster capture.
        let ours = try tsharkPayloads(pcap)
        #expect(ours == fx.datagrams.map { TestSupport.hex($0.payload) })
        let original = try tsharkPayloads(
            TestSupport.sharedDirectory + "/" + "data/lidar/ouster/OS-0-32-U1_v2.2.0_1024x10.pcap")
        #expect(ours == original)
        let addrs = try TestSupport.run([
            "tshark", "-r", pcap, "-T", "fields", "-e", "ip.src", "-e", "udp.dstport", "-e", "ip.checksum.status", "-o",
            "ip.check_checksum:TRUE",
        ])
        let rows = addrs.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 74)
        // Real source address and destination port per datagram; IPv4 header checksum status 1 = Good.
        #expect(rows == fx.datagrams.map { ["\($0.source.address)", "\($0.destination.port)", "1"] })

        // GNSS: convbin decodes all 10 RAWX epochs from the mixed UBX+NMEA stream.
        let ubx = seg + "/data/" + SegmentFixture.ubxPath
        #expect(try TestSupport.fileBytes(ubx) == fx.ubxBytes)
        #expect(try convbinEpochs(ubx, scratch: out) == 10)

        // Images are byte-identical; metadata sits beside the pcap with the same prefix.
        for (name, bytes) in fx.jpegs { #expect(try TestSupport.fileBytes(seg + "/data/" + name) == bytes) }
        #expect(FileManager.default.fileExists(atPath: seg + "/data/lidar/lidar-os0.json"))

        // Timeline: python-mcap reads it with CRC validation; one message per epoch.
        let counts = try TestSupport.pythonMCAPCounts(seg + "/data/timeline.mcap")
        #expect(counts?.messages == 10 && counts?.statistics == 10)

        // Our own verifier agrees, and inspect counts what went in.
        let report = BundleVerifier.verify(path: fx.session.path)
        #expect(report.isSound, "\(report.problems)")
        let inspect = try BundleInspector.inspect(path: fx.session.path)
        let pcapStream = inspect.streams.first { $0.path == "data/" + SegmentFixture.pcapPath }
        #expect(pcapStream?.records == 74)
        #expect(inspect.streams.first { $0.path == "data/img/cam0/*.jpg" }?.files == 3)
        #expect(inspect.segments.first?.closeReason == .stopped)
        let timeline = inspect.streams.first { $0.path == "data/timeline.mcap" }
        #expect(timeline?.records == 10)
        #expect(timeline?.firstTime?.gpsTime == SegmentFixture.start)
        #expect(timeline?.lastTime?.gpsTime == SegmentFixture.start + .seconds(9))
    }

    func tsharkPayloads(_ path: String) throws -> [String] {
        let r = try TestSupport.run(["tshark", "-r", path, "-T", "fields", "-e", "udp.payload"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: ":", with: "") }
    }
}

/// RINEX observation epochs convbin writes for a `.ubx` (0 when it writes no file at all).
func convbinEpochs(_ ubx: String, scratch: String) throws -> Int {
    let obs = scratch + "/convbin-\(UUID().uuidString).obs"
    _ = try TestSupport.run(["convbin", "-r", "ubx", "-o", obs, ubx])
    guard let text = try? String(contentsOfFile: obs, encoding: .utf8) else { return 0 }
    return text.split(separator: "\n").filter { $0.hasPrefix(">") }.count
}
