import Foundation
import Testing
import TaktCore

/// Recovery of cut and damaged timelines: every repaired file (valid prefix + tail) must be read by python-mcap
/// with CRC validation and hold exactly the messages of the complete, good chunks.
@Suite struct MCAPRecoveryTests {
    struct Case {
        let label: String
        let bytes: [UInt8]
        let expectedMessages: Int
    }

    /// Chunk spans (start, end) in file order, from python-mcap's reading of the intact file's chunk indexes.
    static func chunkSpans(_ recording: TaktLikeRecording, dir: URL) throws -> [(start: Int, end: Int)] {
        let file = dir.appendingPathComponent("intact.mcap")
        try Data(recording.bytes).write(to: file)
        let check = try #require(try PythonMCAPCheck.run([file]).first)
        let spans = (check.chunk_indexes ?? []).map { (start: $0[0], end: $0[0] + $0[1]) }.sorted { $0.start < $1.start }
        try #require(spans.count == recording.chunkMessageCounts.count)
        return spans
    }

    static func expectedKept(cut: Int, spans: [(start: Int, end: Int)], counts: [Int]) -> Int {
        zip(spans, counts).reduce(0) { $0 + ($1.0.end <= cut ? $1.1 : 0) }
    }

    @Test func truncatedAndGarbageTailedFilesRecoverToCompleteChunks() throws {
        let recording = TaktLikeRecording.make()
        let dir = try ExternalTool.temporaryDirectory("mcap-recovery")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spans = try Self.chunkSpans(recording, dir: dir)
        let counts = recording.chunkMessageCounts
        let bytes = recording.bytes
        var rng = SeededRandom(seed: 2026)
        var cases: [Case] = []
        for i in 0..<30 {
            let cut = Int.random(in: 0..<bytes.count, using: &rng)
            cases.append(Case(label: "random cut \(i) at \(cut)", bytes: Array(bytes[..<cut]), expectedMessages: Self.expectedKept(cut: cut, spans: spans, counts: counts)))
        }
        for span in spans.prefix(6) {
            for cut in [span.start, span.end - 1, span.end, span.end + 1] {
                cases.append(Case(label: "boundary cut at \(cut)", bytes: Array(bytes[..<cut]), expectedMessages: Self.expectedKept(cut: cut, spans: spans, counts: counts)))
            }
        }
        for i in 0..<8 {
            let cut = Int.random(in: 0..<bytes.count, using: &rng)
            let expected = Self.expectedKept(cut: cut, spans: spans, counts: counts)
            var zeros = Array(bytes[..<cut])
            zeros.append(contentsOf: repeatElement(0, count: 4096))
            cases.append(Case(label: "cut \(i) at \(cut) + 4096 zeros", bytes: zeros, expectedMessages: expected))
            var garbage = Array(bytes[..<cut])
            for _ in 0..<300 { garbage.append(UInt8.random(in: 0...255, using: &rng)) }
            cases.append(Case(label: "cut \(i) at \(cut) + random garbage", bytes: garbage, expectedMessages: expected))
        }
        cases.append(Case(label: "intact", bytes: bytes, expectedMessages: recording.messages.count))
        cases.append(Case(label: "empty", bytes: [], expectedMessages: 0))
        try Self.verify(cases, dir: dir)
    }

    @Test func aCorruptByteInsideAChunkDropsOnlyThatChunk() throws {
        let recording = TaktLikeRecording.make()
        let dir = try ExternalTool.temporaryDirectory("mcap-corrupt")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spans = try Self.chunkSpans(recording, dir: dir)
        let counts = recording.chunkMessageCounts
        let total = recording.messages.count
        var cases: [Case] = []
        for k in [1, spans.count / 2, spans.count - 1] {
            var damaged = recording.bytes
            let at = (spans[k].start + spans[k].end) / 2
            damaged[at] ^= 0x5A
            cases.append(Case(label: "flip in chunk \(k) at \(at)", bytes: damaged, expectedMessages: total - counts[k]))
            // The same damage in a file that was also cut after the next chunk.
            if k + 1 < spans.count {
                let cut = spans[k + 1].end + 5
                let expected = Self.expectedKept(cut: cut, spans: spans, counts: counts) - counts[k]
                cases.append(Case(label: "flip in chunk \(k), cut at \(cut)", bytes: Array(damaged[..<cut]), expectedMessages: expected))
            }
        }
        let results = try Self.verify(cases, dir: dir)
        for (c, result) in zip(cases, results) where c.label.hasPrefix("flip") {
            #expect(result.chunksDropped == 1, "\(c.label)")
            #expect(result.messagesDropped > 0, "\(c.label)")
        }
    }

    /// Recovers each case, has python-mcap read every repaired file, and checks counts on both sides.
    @discardableResult
    static func verify(_ cases: [Case], dir: URL) throws -> [MCAPRecoveryResult] {
        var files: [URL] = []
        var results: [MCAPRecoveryResult] = []
        for (i, c) in cases.enumerated() {
            let result = MCAPRecovery.recover(c.bytes)
            results.append(result)
            #expect(result.messagesKept == c.expectedMessages, "\(c.label): TaktCore kept \(result.messagesKept)")
            #expect(result.validPrefixLength <= c.bytes.count, "\(c.label)")
            let repaired = result.repaired(c.bytes)
            // TaktCore's own reader must accept the repair with every CRC checked.
            #expect(throws: Never.self, "\(c.label)") { try MCAPReader.records(in: repaired) }
            let file = dir.appendingPathComponent("case-\(i).mcap")
            try Data(repaired).write(to: file)
            files.append(file)
        }
        let checks = try PythonMCAPCheck.run(files)
        #expect(checks.count == cases.count)
        for (c, check) in zip(cases, checks) {
            #expect(check.ok, "\(c.label): python-mcap: \(check.error ?? "")")
            #expect(check.messageKeys.count == c.expectedMessages, "\(c.label): python-mcap read \(check.messageKeys.count)")
            #expect(check.stream_messages == c.expectedMessages, "\(c.label): stream reader")
            #expect(check.statistics?.message_count == c.expectedMessages, "\(c.label): statistics")
            #expect(check.summary_crc_ok == true, "\(c.label): summary crc")
        }
        print("MCAP recovery: \(cases.count) cases, python-mcap read \(checks.filter(\.ok).count) repaired files")
        return results
    }
}
