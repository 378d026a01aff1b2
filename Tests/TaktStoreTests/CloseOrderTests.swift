import Foundation
import TaktCore
import Testing

@testable import TaktStore

/// The atomic close happens in exactly this order: payload fdatasync → tag files (temp + rename) → tagmanifest
/// last → fsync dir → remove .lock → fsync dir. Checked both from the writer's step trace and from the file
/// system as each step completes.
@Suite struct CloseOrderTests {
    @Test func closeStepsRunInOrderAndTheDiskAgreesAtEachStep() throws {
        let out = try TestSupport.scratch()
        var fx = try SegmentFixture(outputDirectory: out)
        try fx.addGNSS(epochs: 2)
        try fx.addLidar(try TestSupport.ousterDatagrams(), count: 5)
        let seg = fx.segmentPath
        let fm = FileManager.default
        var steps: [CloseStep] = []
        var problems: [String] = []
        fx.segment.closeObserver = { step in
            steps.append(step)
            let lock = fm.fileExists(atPath: seg + "/.lock")
            let tag = fm.fileExists(atPath: seg + "/tagmanifest-sha256.txt")
            switch step {
            case .payloadSynced:
                if tag || !lock { problems.append("\(step): tagmanifest before payload was final") }
            case .tagFileRenamed(let name):
                if !fm.fileExists(atPath: seg + "/" + name) || fm.fileExists(atPath: seg + "/" + name + ".tmp") {
                    problems.append("\(name) not renamed into place")
                }
                if name != BagManifest.tagFileName && tag { problems.append("tagmanifest exists before \(name)") }
                if !lock { problems.append(".lock gone at \(name)") }
            case .lockRemoved:
                if !tag || lock { problems.append(".lock removal out of order") }
            case .directorySynced:
                break
            }
        }
        try fx.finishTimeline()
        try fx.segment.close(reason: .rotated, info: .init(end: SegmentFixture.start + .seconds(60)))
        #expect(problems.isEmpty, "\(problems)")
        #expect(
            steps == [
                .payloadSynced(path: "data/gnss/gnss-f9p.ubx"),
                .payloadSynced(path: "data/lidar/lidar-os0.json"),
                .payloadSynced(path: "data/lidar/lidar-os0.pcap"),
                .payloadSynced(path: "data/timeline.mcap"),
                .tagFileRenamed(name: "bag-info.txt"),
                .tagFileRenamed(name: "segment.json"),
                .tagFileRenamed(name: "manifest-sha256.txt"),
                .tagFileRenamed(name: "tagmanifest-sha256.txt"),
                .directorySynced,
                .lockRemoved,
                .directorySynced,
            ])
        // The tagmanifest is the newest tag file and hashes the others as they are now.
        func mtime(_ name: String) throws -> Date {
            try fm.attributesOfItem(atPath: seg + "/" + name)[.modificationDate] as? Date ?? .distantPast
        }
        let tagTime = try mtime("tagmanifest-sha256.txt")
        for name in ["bag-info.txt", "segment.json", "manifest-sha256.txt", "data/gnss/gnss-f9p.ubx"] {
            #expect(try mtime(name) <= tagTime)
        }
        let check = try TestSupport.run(["sha256sum", "-c", "tagmanifest-sha256.txt"], in: seg)
        #expect(check.status == 0)
        #expect(
            check.stdout.contains("bag-info.txt: OK") && check.stdout.contains("manifest-sha256.txt: OK")
                && check.stdout.contains("segment.json: OK") && check.stdout.contains("bagit.txt: OK"))
        #expect(!fm.fileExists(atPath: seg + "/.lock"))
    }

    /// Segment N+1 is open before N closes, and writing after close is refused.
    @Test func nextSegmentOpensBeforePreviousCloses() throws {
        let out = try TestSupport.scratch()
        var fx = try SegmentFixture(outputDirectory: out)
        try fx.addGNSS(epochs: 1)
        let next = try fx.session.openNext(start: SegmentFixture.start + .seconds(60))
        #expect(fx.session.openSegments.count == 2)
        try next.append(
            TestSupport.rawx(tow: 300_060), to: SegmentFixture.ubxPath, time: SegmentFixture.start + .seconds(60))
        #expect(throws: StoreError.self) { try fx.session.finish() }
        try fx.finishTimeline()
        try fx.segment.close(reason: .rotated, info: .init(end: SegmentFixture.start + .seconds(60)))
        #expect(throws: StoreError.self) { try fx.segment.append([1], to: SegmentFixture.ubxPath) }
        try next.close(reason: .stopped, info: .init(end: SegmentFixture.start + .seconds(61)))
        try fx.session.finish()
        #expect(next.path.hasSuffix("/segments/000001"))
        let inspect = try BundleInspector.inspect(path: fx.session.path)
        #expect(inspect.segments.map(\.closeReason) == [.rotated, .stopped])
        #expect(inspect.gaps.isEmpty)
        #expect(BundleVerifier.verify(path: fx.session.path).isSound)
    }
}
