import Foundation
import Testing
import TaktCore

/// A realistic Takt timeline written by `MCAPWriter`, checked by the official python-mcap reader (CRCs validated,
/// statistics, stream pass, summary and attachment CRCs recomputed with zlib, payloads against their jsonschema).
@Suite struct MCAPIndependentReaderTests {
    @Test func pythonMCAPReadsATaktTimelineWithAllChecks() throws {
        let recording = TaktLikeRecording.make()
        #expect(recording.chunkMessageCounts.count >= 8, "owner-closed 1 s chunks")
        let dir = try ExternalTool.temporaryDirectory("mcap-independent")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("timeline.mcap")
        try Data(recording.bytes).write(to: file)

        let checks = try PythonMCAPCheck.run([file], jsonschema: true)
        let check = try #require(checks.first)
        #expect(check.ok, "python-mcap: \(check.error ?? "")")
        #expect(check.messageKeys == recording.messages)
        #expect(check.stream_messages == recording.messages.count)
        #expect(check.schema_validated == recording.schemaMessageCount)
        #expect(check.summary_crc_ok == true)
        #expect(check.attachment_crcs_ok == [true])
        #expect(check.attachments == ["rig.json5"])
        #expect(check.metadata == ["segment", "segment-close"])
        #expect(check.chunk_indexes?.count == recording.chunkMessageCounts.count)
        let stats = try #require(check.statistics)
        #expect(stats.message_count == recording.messages.count)
        #expect(stats.chunk_count == recording.chunkMessageCounts.count)
        #expect(stats.schema_count == 4)
        #expect(stats.channel_count == 5)
        #expect(stats.attachment_count == 1)
        #expect(stats.metadata_count == 2)
        var perTopic: [String: Int] = [:]
        for m in recording.messages { perTopic[m.topic, default: 0] += 1 }
        let channels = check.channels ?? [:]
        var pythonPerTopic: [String: Int] = [:]
        for (id, count) in stats.channel_message_counts { pythonPerTopic[channels[id] ?? "?\(id)"] = count }
        #expect(pythonPerTopic == perTopic)
    }

    @Test func ownReaderAgreesWholeAndDripFed() throws {
        let recording = TaktLikeRecording.make(seconds: 3, seed: 7)
        let events = try MCAPReader.messages(in: recording.bytes)
        #expect(events.map { TaktLikeRecording.WrittenMessage(topic: $0.channel.topic, sequence: $0.message.sequence, logTime: $0.message.logTime) } == recording.messages)
        #expect(events.filter { $0.schema == nil }.allSatisfy { $0.channel.topic == "/takt/status" })
        let whole = try MCAPReader.records(in: recording.bytes)
        var reader = MCAPStreamedReader()
        var dripped: [MCAPRecord] = []
        for byte in recording.bytes {
            reader.append(CollectionOfOne(byte))
            while let record = try reader.nextRecord() { dripped.append(record) }
        }
        #expect(reader.isFinished)
        #expect(dripped == whole)
    }
}
