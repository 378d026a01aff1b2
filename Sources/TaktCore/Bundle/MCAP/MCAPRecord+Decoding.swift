/// Parses one record's content. Bytes after the last known field are ignored (the spec lets records grow at the
/// end), except in Message, whose payload is by definition the rest of the record.
extension MCAPRecord {
    /// Decodes the content at `content` in `bytes` for `opcode`; `offset` is the record's file offset (errors).
    public static func decode(
        opcode: UInt8, bytes: [UInt8], content: Range<Int>, offset: UInt64
    ) throws(MCAPReadError) -> MCAPRecord {
        var c = MCAPByteCursor(bytes, range: content, opcode: opcode, recordOffset: offset)
        guard let known = MCAPOpcode(rawValue: opcode) else {
            return .unknown(opcode: opcode, body: c.rest())
        }
        switch known {
        case .header:
            return .header(MCAPHeader(profile: try c.string(), library: try c.string()))
        case .footer:
            return .footer(MCAPFooter(summaryStart: try c.u64(), summaryOffsetStart: try c.u64(), summaryCRC: try c.u32()))
        case .schema:
            let id = try c.u16()
            let name = try c.string()
            let encoding = try c.string()
            let length = try c.u32()
            return .schema(MCAPSchema(id: id, name: name, encoding: encoding, data: try c.bytes(UInt64(length))))
        case .channel:
            let id = try c.u16()
            let schemaID = try c.u16()
            let topic = try c.string()
            let encoding = try c.string()
            return .channel(
                MCAPChannel(
                    id: id, schemaID: schemaID, topic: topic, messageEncoding: encoding, metadata: try c.stringMap()))
        case .message:
            let channelID = try c.u16()
            let sequence = try c.u32()
            let logTime = try c.u64()
            let publishTime = try c.u64()
            return .message(
                MCAPMessage(
                    channelID: channelID, sequence: sequence, logTime: logTime, publishTime: publishTime,
                    data: c.rest()))
        case .chunk:
            let start = try c.u64()
            let end = try c.u64()
            let size = try c.u64()
            let crc = try c.u32()
            let compression = try c.string()
            let length = try c.u64()
            return .chunk(
                MCAPChunk(
                    messageStartTime: start, messageEndTime: end, uncompressedSize: size, uncompressedCRC: crc,
                    compression: compression, records: try c.bytes(length)))
        case .messageIndex:
            let channelID = try c.u16()
            var entries = try c.subCursor()
            var records: [MCAPMessageIndexEntry] = []
            records.reserveCapacity(entries.remaining / 16)
            while entries.remaining > 0 {
                records.append(MCAPMessageIndexEntry(logTime: try entries.u64(), offset: try entries.u64()))
            }
            return .messageIndex(MCAPMessageIndex(channelID: channelID, records: records))
        case .chunkIndex:
            return .chunkIndex(
                MCAPChunkIndex(
                    messageStartTime: try c.u64(), messageEndTime: try c.u64(), chunkStartOffset: try c.u64(),
                    chunkLength: try c.u64(), messageIndexOffsets: try c.countMap(), messageIndexLength: try c.u64(),
                    compression: try c.string(), compressedSize: try c.u64(), uncompressedSize: try c.u64()))
        case .attachment:
            let logTime = try c.u64()
            let createTime = try c.u64()
            let name = try c.string()
            let mediaType = try c.string()
            let length = try c.u64()
            let data = try c.bytes(length)
            return .attachment(
                MCAPAttachment(
                    logTime: logTime, createTime: createTime, name: name, mediaType: mediaType, data: data,
                    crc: try c.u32()))
        case .attachmentIndex:
            return .attachmentIndex(
                MCAPAttachmentIndex(
                    offset: try c.u64(), length: try c.u64(), logTime: try c.u64(), createTime: try c.u64(),
                    dataSize: try c.u64(), name: try c.string(), mediaType: try c.string()))
        case .statistics:
            return .statistics(
                MCAPStatistics(
                    messageCount: try c.u64(), schemaCount: try c.u16(), channelCount: try c.u32(),
                    attachmentCount: try c.u32(), metadataCount: try c.u32(), chunkCount: try c.u32(),
                    messageStartTime: try c.u64(), messageEndTime: try c.u64(), channelMessageCounts: try c.countMap()))
        case .metadata:
            return .metadata(MCAPMetadata(name: try c.string(), metadata: try c.stringMap()))
        case .metadataIndex:
            return .metadataIndex(MCAPMetadataIndex(offset: try c.u64(), length: try c.u64(), name: try c.string()))
        case .summaryOffset:
            return .summaryOffset(
                MCAPSummaryOffset(groupOpcode: try c.u8(), groupStart: try c.u64(), groupLength: try c.u64()))
        case .dataEnd:
            return .dataEnd(MCAPDataEnd(dataSectionCRC: try c.u32()))
        }
    }

    /// Length of an Attachment's CRC-covered content (everything before the crc field), or nil if malformed.
    static func attachmentCRCCoveredLength(bytes: [UInt8], content: Range<Int>) -> Int? {
        var c = MCAPByteCursor(bytes, range: content, opcode: MCAPOpcode.attachment.rawValue, recordOffset: 0)
        do {
            _ = try c.u64()
            _ = try c.u64()
            _ = try c.string()
            _ = try c.string()
            try c.skip(try c.u64())
        } catch {
            return nil
        }
        return c.position - content.lowerBound
    }
}
