import Foundation
import Testing
import TaktCore

/// Reader conformance: the suite's files, rebuilt byte for byte by the independent python-mcap writer
/// (shared/tools/mcap-conformance-regen.py checks each against its LFS pointer), must read back as exactly the
/// records the suite lists, whether fed whole, byte by byte or in random pieces.
@Suite struct MCAPReaderConformanceTests {
    /// Reads `bytes` fed in pieces of the sizes `pieceSize` returns; chunks are expanded, Message Index records
    /// dropped (the suite's record lists omit them, as the official streamed-reader runners do).
    static func read(
        _ bytes: [UInt8], pieceSize: (inout SeededRandom) -> Int, seed: UInt64 = 1
    ) throws -> (records: [MCAPFlatRecord], finished: Bool) {
        var reader = MCAPStreamedReader(validateCRCs: true)
        var rng = SeededRandom(seed: seed)
        var out: [MCAPFlatRecord] = []
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + max(1, pieceSize(&rng)))
            reader.append(bytes[index..<end])
            index = end
            while let record = try reader.nextRecord() {
                if case .messageIndex = record { continue }
                out.append(MCAPFlatRecord(record))
            }
        }
        return (out, reader.isFinished)
    }

    @Test func pythonRebuiltSuiteReadsAsListedWholeDrippedAndInRandomPieces() throws {
        let suite = try SharedData.url("data/mcap-conformance")
        let tool = try SharedData.url("tools/mcap-conformance-regen.py")
        let outDir = try ExternalTool.temporaryDirectory("mcap-conformance")
        defer { try? FileManager.default.removeItem(at: outDir) }
        let log = try ExternalTool.run("python3", [tool.path, suite.path, outDir.path])
        #expect(log.contains("208 of 208"), "python-mcap rebuilt the suite: \(log)")

        let variants = try MCAPConformanceVariant.all().filter { !$0.isPadded }
        var matchedWhole = 0
        var matchedDrip = 0
        var matchedRandom = 0
        for variant in variants {
            let group = String(variant.name.prefix { $0 != "-" })
            let file = outDir.appendingPathComponent(group).appendingPathComponent(variant.name + ".mcap")
            let bytes = [UInt8](try Data(contentsOf: file))
            let whole = try Self.read(bytes) { _ in bytes.count }
            #expect(whole.finished, "\(variant): footer and closing magic read")
            #expect(whole.records == variant.records, "\(variant): records")
            if whole.records == variant.records && whole.finished { matchedWhole += 1 }
            let drip = try Self.read(bytes) { _ in 1 }
            #expect(drip.records == variant.records, "\(variant): byte by byte")
            if drip.records == variant.records && drip.finished { matchedDrip += 1 }
            let random = try Self.read(bytes, pieceSize: { Int.random(in: 1...64, using: &$0) }, seed: UInt64(bytes.count))
            #expect(random.records == variant.records, "\(variant): random pieces")
            if random.records == variant.records && random.finished { matchedRandom += 1 }
        }
        print("MCAP reader conformance: whole \(matchedWhole)/\(variants.count), byte-by-byte \(matchedDrip)/\(variants.count), random pieces \(matchedRandom)/\(variants.count)")
        #expect(variants.count == 208)
        #expect(matchedWhole == 208 && matchedDrip == 208 && matchedRandom == 208)
    }

    @Test func takesWriterOutputBackForEveryVariant() throws {
        // Round trip through TaktCore alone: what the writer produced reads back as the suite's list.
        for variant in try MCAPConformanceVariant.all() where !variant.isPadded {
            let bytes = MCAPWriterConformanceTests.write(variant)
            let result = try Self.read(bytes) { _ in 7 }
            #expect(result.records == variant.records, "\(variant)")
            #expect(result.finished)
        }
    }
}
