import Foundation
import TaktCore
import Testing

@testable import TaktStore

/// `BundleVerifier` must catch damage that the peers would also catch, naming the file.
@Suite struct VerifyTests {
    /// A closed session with one segment; returns (session, segment).
    func closedSession(_ out: String) throws -> (String, String) {
        var fx = try SegmentFixture(outputDirectory: out)
        try fx.addLidar(try TestSupport.ousterDatagrams(), count: 20)
        try fx.addGNSS(epochs: 4)
        try fx.addImages(try TestSupport.jpegs(count: 2, in: out))
        try fx.finishTimeline()
        try fx.segment.close(reason: .rotated, info: .init(end: SegmentFixture.start + .seconds(60)))
        try fx.session.finish()
        #expect(BundleVerifier.verify(path: fx.session.path).isSound)
        return (fx.session.path, fx.segmentPath)
    }

    @Test(arguments: [
        "data/lidar/lidar-os0.pcap", "data/gnss/gnss-f9p.ubx", "data/img/cam0/000001.jpg", "bag-info.txt",
    ])
    func flippedByteIsCaught(file: String) throws {
        let out = try TestSupport.scratch("flip\(file.count)")
        let (session, seg) = try closedSession(out)
        let path = seg + "/" + file
        var bytes = try TestSupport.fileBytes(path)
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let report = BundleVerifier.verify(path: session)
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.path == path && $0.message.contains("SHA-256") }, "\(report.problems)")
        // bagit-python agrees.
        #expect(try TestSupport.run(["python3", "-m", "bagit", "--validate", seg]).status != 0)
    }

    /// A flipped byte inside the timeline is caught by the manifest and by the MCAP CRCs.
    @Test func flippedByteInTimelineFailsMCAPCheck() throws {
        let (_, seg) = try closedSession(try TestSupport.scratch())
        let path = seg + "/data/timeline.mcap"
        var bytes = try TestSupport.fileBytes(path)
        bytes[bytes.count / 3] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let report = BundleVerifier.verify(path: seg)
        #expect(report.problems.contains { $0.path == path && $0.message.contains("MCAP") }, "\(report.problems)")
        #expect(report.problems.contains { $0.path == path && $0.message.contains("SHA-256") })
    }

    @Test func missingFileIsCaught() throws {
        let (session, seg) = try closedSession(try TestSupport.scratch())
        let path = seg + "/data/img/cam0/000000.jpg"
        try FileManager.default.removeItem(atPath: path)
        let report = BundleVerifier.verify(path: session)
        #expect(report.problems.contains { $0.path == path && $0.message.contains("missing") }, "\(report.problems)")
        #expect(report.problems.contains { $0.message.contains("Payload-Oxum") })
    }

    @Test func truncatedPcapIsCaught() throws {
        let (_, seg) = try closedSession(try TestSupport.scratch())
        let path = seg + "/data/lidar/lidar-os0.pcap"
        let bytes = try TestSupport.fileBytes(path)
        try Data(bytes.prefix(bytes.count - 100)).write(to: URL(fileURLWithPath: path))
        let report = BundleVerifier.verify(path: seg)
        #expect(report.problems.contains { $0.path == path && $0.message.contains("after the last whole record") })
        #expect(report.problems.contains { $0.message.contains("Payload-Oxum") })
        #expect(report.problems.contains { $0.path == path && $0.message.contains("SHA-256") })
    }

    @Test func extraPayloadFileAndOpenSegmentAreCaught() throws {
        let (session, seg) = try closedSession(try TestSupport.scratch())
        try Data("x".utf8).write(to: URL(fileURLWithPath: seg + "/data/stray.bin"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: seg + "/.lock"))
        let report = BundleVerifier.verify(path: session)
        #expect(report.problems.contains { $0.path == seg + "/data/stray.bin" && $0.message.contains("not listed") })
        #expect(report.problems.contains { $0.path == seg + "/.lock" })
    }

    @Test func tamperedTagFileBreaksSessionManifest() throws {
        let (session, seg) = try closedSession(try TestSupport.scratch())
        let tag = seg + "/tagmanifest-sha256.txt"
        try Data((try String(contentsOfFile: tag, encoding: .utf8) + "\n").utf8).write(to: URL(fileURLWithPath: tag))
        let report = BundleVerifier.verify(path: session)
        #expect(report.problems.contains { $0.path == tag && $0.message.contains("SESSION_MANIFEST") })
    }
}
