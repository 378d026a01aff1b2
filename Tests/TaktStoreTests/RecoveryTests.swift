import Foundation
import TaktCore
import Testing

@testable import TaktStore

/// Crash simulation: write and sync, then leave the segment open with torn tails (a random prefix of further
/// records, zeros or garbage) and a half-written JPEG, as a power cut does. After recovery the bag must verify,
/// pass bagit-python, read cleanly in capinfos/tshark/convbin, and keep every record that was synced.
@Suite struct RecoveryTests {
    enum Tail: CaseIterable { case partialRecords, zeros, garbage }

    struct Crash {
        var sessionPath: String
        var segmentPath: String
        var syncedDatagrams: [PcapUDPDatagram]
        var syncedEpochs: Int
        /// Whole records inside the torn tail (they reached the disk and must survive too).
        var extraWholeDatagrams: [PcapUDPDatagram]
        var extraWholeEpochs: Int
        var syncedImages: [String: [UInt8]]
        var tornImage: String
        var appendedPcapBytes: Int
        var appendedUBXBytes: Int
    }

    static func crash(seed: UInt64, in out: String) throws -> Crash {
        var rng = SeededRandom(seed: seed)
        let ouster = try TestSupport.ousterDatagrams()
        let images = try TestSupport.jpegs(count: 3, in: out)
        var fx = try SegmentFixture(outputDirectory: out)
        try fx.addLidar(ouster, count: Int.random(in: 1...40, using: &rng))
        try fx.addGNSS(epochs: Int.random(in: 1...8, using: &rng))
        try fx.addImages(Array(images.prefix(2)))
        try fx.segment.syncAll()
        // What the timeline writer will emit next, byte for byte (the writer is a deterministic value).
        var shadow = fx.mcap
        for k in 0..<2 { SegmentFixture.addFix(to: &shadow, channel: fx.fixChannel, epoch: fx.rawxCount + k) }
        let mcapNext = shadow.takeOutput()
        // Buffered, never synced: a crash loses these, which is allowed.
        try fx.addLidar(ouster, count: 3)
        try fx.addGNSS(epochs: 2)

        let tail = Tail.allCases[Int(rng.next() % 3)]
        let seg = fx.segmentPath
        let pcapPath = seg + "/data/" + SegmentFixture.pcapPath
        let ubxPath = seg + "/data/" + SegmentFixture.ubxPath
        let synced = Array(fx.datagrams.prefix(fx.datagrams.count - 3))
        let syncedEpochs = fx.rawxCount - 2

        // pcap tail: a random prefix of the next few records as the kernel may have written them.
        var next: [PcapUDPDatagram] = []
        var nextBytes: [UInt8] = []
        var recordEnds: [Int] = []
        for k in 0..<3 {
            let d = ouster[(synced.count + k) % ouster.count]
            nextBytes += try PcapRecord.encode(d)
            next.append(d)
            recordEnds.append(nextBytes.count)
        }
        var pcapTail: [UInt8]
        switch tail {
        case .partialRecords: pcapTail = Array(nextBytes.prefix(Int.random(in: 1..<nextBytes.count, using: &rng)))
        case .zeros: pcapTail = [UInt8](repeating: 0, count: Int.random(in: 1...4096, using: &rng))
        case .garbage:
            pcapTail = (0..<Int.random(in: 1...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        let wholeDatagrams =
            tail == .partialRecords ? Array(next.prefix(recordEnds.filter { $0 <= pcapTail.count }.count)) : []
        try append(pcapTail, to: pcapPath)

        // ubx tail: RAWX + NMEA records cut at a random byte, including inside a frame's header (the convbin trap).
        var ubxNext: [UInt8] = []
        var ubxEnds: [(end: Int, isRAWX: Bool)] = []
        for k in 0..<2 {
            ubxNext += TestSupport.rawx(tow: Double(SegmentFixture.startTOW) + Double(syncedEpochs + 2 + k), seed: seed)
            ubxEnds.append((ubxNext.count, true))
            ubxNext += TestSupport.gga(k)
            ubxEnds.append((ubxNext.count, false))
        }
        let ubxTail: [UInt8]
        switch tail {
        case .partialRecords: ubxTail = Array(ubxNext.prefix(Int.random(in: 1..<ubxNext.count, using: &rng)))
        case .zeros: ubxTail = [UInt8](repeating: 0, count: Int.random(in: 1...512, using: &rng))
        case .garbage:
            ubxTail =
                [0xB5, 0x62, 0x02, 0x15]
                + (0..<Int.random(in: 2...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        let extraEpochs = tail == .partialRecords ? ubxEnds.filter { $0.end <= ubxTail.count && $0.isRAWX }.count : 0
        try append(ubxTail, to: ubxPath)

        // MCAP tail: part of the next chunks, or zeros/garbage.
        let mcapTail: [UInt8]
        switch tail {
        case .partialRecords: mcapTail = Array(mcapNext.prefix(Int.random(in: 1..<mcapNext.count, using: &rng)))
        case .zeros: mcapTail = [UInt8](repeating: 0, count: Int.random(in: 1...256, using: &rng))
        case .garbage:
            mcapTail = (0..<Int.random(in: 1...256, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        try append(mcapTail, to: seg + "/data/timeline.mcap")

        // A JPEG the camera was still writing.
        let torn = "img/cam0/000099.jpg"
        let third = images[2]
        try Data(third.prefix(Int.random(in: 1..<(third.count - 2), using: &rng)))
            .write(to: URL(fileURLWithPath: seg + "/data/" + torn))

        return Crash(
            sessionPath: fx.session.path, segmentPath: seg, syncedDatagrams: synced, syncedEpochs: syncedEpochs,
            extraWholeDatagrams: wholeDatagrams, extraWholeEpochs: extraEpochs, syncedImages: fx.jpegs,
            tornImage: torn, appendedPcapBytes: pcapTail.count, appendedUBXBytes: ubxTail.count)
        // fx goes out of scope here: descriptors close without flushing, as in a crash.
    }

    static func append(_ bytes: [UInt8], to path: String) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data(bytes))
        try h.close()
    }

    @Test(arguments: Array(UInt64(1)...UInt64(18)))
    func recoveryKeepsEverySyncedRecord(seed: UInt64) throws {
        let out = try TestSupport.scratch("recovery\(seed)")
        let c = try Self.crash(seed: seed, in: out)
        #expect(FileManager.default.fileExists(atPath: c.segmentPath + "/.lock"))
        #expect(!BundleVerifier.verify(path: c.sessionPath).isSound)

        let report = try BundleRecovery.recover(sessionPath: c.sessionPath)
        #expect(report.segments.count == 1)
        #expect(report.sessionClosed)
        #expect(!FileManager.default.fileExists(atPath: c.segmentPath + "/.lock"))

        let verify = BundleVerifier.verify(path: c.sessionPath)
        #expect(verify.isSound, "seed \(seed): \(verify.problems)")
        let bagit = try TestSupport.run(["python3", "-m", "bagit", "--validate", c.segmentPath])
        #expect(bagit.status == 0, "seed \(seed) bagit: \(bagit.stderr)")
        let sha = try TestSupport.run(["sha256sum", "-c", "--quiet", "manifest-sha256.txt"], in: c.segmentPath)
        #expect(sha.status == 0, "\(sha.stdout)")

        // pcap: clean for capinfos and tshark; every synced datagram is there, in order, byte for byte.
        let pcap = c.segmentPath + "/data/" + SegmentFixture.pcapPath
        let cap = try TestSupport.run(["capinfos", "-c", pcap])
        #expect(
            cap.status == 0 && !cap.stderr.contains("cut short") && !cap.stdout.contains("cut short"), "\(cap.stderr)")
        let expected = c.syncedDatagrams + c.extraWholeDatagrams
        #expect(
            cap.stdout.range(of: #"Number of packets:\s+\#(expected.count)\b"#, options: .regularExpression) != nil,
            "seed \(seed): \(cap.stdout)")
        let payloads = try TestSupport.run(["tshark", "-r", pcap, "-T", "fields", "-e", "udp.payload"])
        #expect(payloads.stderr.isEmpty || !payloads.stderr.contains("cut short"))
        #expect(
            payloads.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: ":", with: "") }
                == expected.map { TestSupport.hex($0.payload) })

        // ubx: convbin writes every synced epoch (and any whole one from the tail).
        let epochs = try convbinEpochs(c.segmentPath + "/data/" + SegmentFixture.ubxPath, scratch: out)
        #expect(epochs == c.syncedEpochs + c.extraWholeEpochs, "seed \(seed)")

        // Timeline: python-mcap validates every CRC; every synced message is kept.
        let counts = try TestSupport.pythonMCAPCounts(c.segmentPath + "/data/timeline.mcap")
        #expect(counts.map { $0.messages == $0.statistics } == true)
        #expect(
            (counts?.messages ?? -1) >= c.syncedEpochs && (counts?.messages ?? 99) <= c.syncedEpochs + 2, "seed \(seed)"
        )

        // Images: synced ones intact, the torn one moved to data/partial/ and listed.
        for (name, bytes) in c.syncedImages {
            #expect(try TestSupport.fileBytes(c.segmentPath + "/data/" + name) == bytes)
        }
        #expect(FileManager.default.fileExists(atPath: c.segmentPath + "/data/partial/" + c.tornImage))
        let desc = try SegmentDirectory(path: c.segmentPath).description()
        #expect(desc.closeReason == .recovered)
        #expect(desc.partialFiles == ["data/partial/" + c.tornImage])
        let pcapLoss = desc.losses.first { $0.path == "data/" + SegmentFixture.pcapPath }
        let lostPcapBytes =
            Int64(c.appendedPcapBytes) - Int64(c.extraWholeDatagrams.reduce(0) { $0 + $1.payload.count + 58 })
        #expect((pcapLoss?.bytes ?? 0) == lostPcapBytes)
        let info = try String(contentsOfFile: c.segmentPath + "/bag-info.txt", encoding: .utf8)
        #expect(info.contains("Takt-Close-Reason: recovered"))

        // Idempotent: a second run touches nothing.
        let tagBefore = try TestSupport.fileBytes(c.segmentPath + "/tagmanifest-sha256.txt")
        let again = try BundleRecovery.recover(sessionPath: c.sessionPath)
        #expect(again.segments.isEmpty && !again.sessionClosed && again.segmentsAlreadyClosed == 1)
        #expect(try TestSupport.fileBytes(c.segmentPath + "/tagmanifest-sha256.txt") == tagBefore)
    }

    /// A crash right after the segment directory was made: recovery still produces a valid (empty) bag.
    @Test func bareSegmentDirectoryIsClosed() throws {
        let out = try TestSupport.scratch()
        var fx = try SegmentFixture(outputDirectory: out)
        try fx.finishTimeline()
        try fx.segment.close(reason: .rotated, info: .init(end: SegmentFixture.start + .seconds(60)))
        let bare = fx.session.path + "/segments/000001"
        try FileManager.default.createDirectory(atPath: bare, withIntermediateDirectories: false)
        let report = try BundleRecovery.recover(sessionPath: fx.session.path)
        #expect(report.segments.map(\.path) == [bare])
        #expect(BundleVerifier.verify(path: fx.session.path).isSound)
        #expect(try TestSupport.run(["python3", "-m", "bagit", "--validate", bare]).status == 0)
    }

    /// A crash after the tagmanifest rename but before `.lock` went: the bag is whole, only the lock goes.
    @Test func staleLockOnCompleteBagIsRemoved() throws {
        let out = try TestSupport.scratch()
        var fx = try SegmentFixture(outputDirectory: out)
        try fx.addGNSS(epochs: 3)
        try fx.finishTimeline()
        try fx.segment.close(reason: .rotated, info: .init(end: SegmentFixture.start + .seconds(60)))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: fx.segmentPath + "/.lock"))
        let report = try BundleRecovery.recover(sessionPath: fx.session.path)
        #expect(report.segments.first?.losses.isEmpty == true)
        let desc = try SegmentDirectory(path: fx.segmentPath).description()
        #expect(desc.closeReason == .rotated)
        #expect(BundleVerifier.verify(path: fx.session.path).isSound)
    }
}
