/// Builds the summary section, the summary offsets and the footer from what a writer (or recovery) collected.
/// Groups come in the order the official writers use: Schema, Channel, Statistics, ChunkIndex, AttachmentIndex,
/// MetadataIndex; empty groups get no Summary Offset.
struct MCAPSummaryBuilder {
    var schemas: [MCAPSchema] = []
    var channels: [MCAPChannel] = []
    var statistics: MCAPStatistics?
    var chunkIndexes: [MCAPChunkIndex] = []
    var attachmentIndexes: [MCAPAttachmentIndex] = []
    var metadataIndexes: [MCAPMetadataIndex] = []
    var useSummaryOffsets = true
    var enableCRC = true

    /// Appends summary, summary offsets, footer and closing magic to `out`, with the summary starting at file
    /// offset `summaryStart` (the position right after the Data End record).
    func write(summaryStart: UInt64, into out: inout [UInt8]) {
        var summary: [UInt8] = []
        var offsets: [MCAPSummaryOffset] = []

        func group(_ opcode: MCAPOpcode, _ records: [MCAPRecord]) {
            guard !records.isEmpty else { return }
            let start = summary.count
            for record in records { record.encode(into: &summary) }
            offsets.append(
                MCAPSummaryOffset(
                    groupOpcode: opcode.rawValue, groupStart: summaryStart + UInt64(start),
                    groupLength: UInt64(summary.count - start)))
        }
        group(.schema, schemas.map { .schema($0) })
        group(.channel, channels.map { .channel($0) })
        group(.statistics, statistics.map { [.statistics($0)] } ?? [])
        group(.chunkIndex, chunkIndexes.map { .chunkIndex($0) })
        group(.attachmentIndex, attachmentIndexes.map { .attachmentIndex($0) })
        group(.metadataIndex, metadataIndexes.map { .metadataIndex($0) })

        var summaryOffsetStart: UInt64 = 0
        if useSummaryOffsets && !offsets.isEmpty {
            summaryOffsetStart = summaryStart + UInt64(summary.count)
            for offset in offsets { MCAPRecord.summaryOffset(offset).encode(into: &summary) }
        }
        var footer: [UInt8] = []
        MCAPRecord.footer(
            MCAPFooter(
                summaryStart: summary.isEmpty ? 0 : summaryStart, summaryOffsetStart: summaryOffsetStart,
                summaryCRC: 0)
        ).encode(into: &footer)
        if enableCRC {
            var crc = MCAPCRC32()
            crc.update(summary)
            crc.update(footer[0..<(footer.count - 4)])
            let value = crc.value.littleEndian
            withUnsafeBytes(of: value) { raw in
                for i in 0..<4 { footer[footer.count - 4 + i] = raw[i] }
            }
        }
        out.append(contentsOf: summary)
        out.append(contentsOf: footer)
        out.append(contentsOf: MCAPFormat.magic)
    }
}
