/// Serialises records exactly as the spec lays them out. The writer, the recovery tail and tests share this, so
/// there is one place where field order lives.
extension MCAPRecord {
    /// Appends the whole record (opcode, length, content) to `out`.
    public func encode(into out: inout [UInt8]) {
        switch self {
        case .header(let r):
            let s = out.beginMCAPRecord(.header)
            out.appendMCAPString(r.profile)
            out.appendMCAPString(r.library)
            out.endMCAPRecord(startedAt: s)
        case .footer(let r):
            let s = out.beginMCAPRecord(.footer)
            out.appendLE(r.summaryStart)
            out.appendLE(r.summaryOffsetStart)
            out.appendLE(r.summaryCRC)
            out.endMCAPRecord(startedAt: s)
        case .schema(let r):
            r.encode(into: &out)
        case .channel(let r):
            r.encode(into: &out)
        case .message(let r):
            MCAPMessage.encode(
                channelID: r.channelID, sequence: r.sequence, logTime: r.logTime, publishTime: r.publishTime,
                data: r.data, into: &out)
        case .chunk(let r):
            let s = out.beginMCAPRecord(.chunk)
            out.appendLE(r.messageStartTime)
            out.appendLE(r.messageEndTime)
            out.appendLE(r.uncompressedSize)
            out.appendLE(r.uncompressedCRC)
            out.appendMCAPString(r.compression)
            out.appendLE(UInt64(r.records.count))
            out.append(contentsOf: r.records)
            out.endMCAPRecord(startedAt: s)
        case .messageIndex(let r):
            let s = out.beginMCAPRecord(.messageIndex)
            out.appendLE(r.channelID)
            out.appendLE(UInt32(truncatingIfNeeded: r.records.count * 16))
            for entry in r.records {
                out.appendLE(entry.logTime)
                out.appendLE(entry.offset)
            }
            out.endMCAPRecord(startedAt: s)
        case .chunkIndex(let r):
            let s = out.beginMCAPRecord(.chunkIndex)
            out.appendLE(r.messageStartTime)
            out.appendLE(r.messageEndTime)
            out.appendLE(r.chunkStartOffset)
            out.appendLE(r.chunkLength)
            out.appendMCAPCountMap(r.messageIndexOffsets)
            out.appendLE(r.messageIndexLength)
            out.appendMCAPString(r.compression)
            out.appendLE(r.compressedSize)
            out.appendLE(r.uncompressedSize)
            out.endMCAPRecord(startedAt: s)
        case .attachment(let r):
            let s = out.beginMCAPRecord(.attachment)
            out.appendLE(r.logTime)
            out.appendLE(r.createTime)
            out.appendMCAPString(r.name)
            out.appendMCAPString(r.mediaType)
            out.appendLE(UInt64(r.data.count))
            out.append(contentsOf: r.data)
            out.appendLE(r.crc)
            out.endMCAPRecord(startedAt: s)
        case .attachmentIndex(let r):
            let s = out.beginMCAPRecord(.attachmentIndex)
            out.appendLE(r.offset)
            out.appendLE(r.length)
            out.appendLE(r.logTime)
            out.appendLE(r.createTime)
            out.appendLE(r.dataSize)
            out.appendMCAPString(r.name)
            out.appendMCAPString(r.mediaType)
            out.endMCAPRecord(startedAt: s)
        case .statistics(let r):
            let s = out.beginMCAPRecord(.statistics)
            out.appendLE(r.messageCount)
            out.appendLE(r.schemaCount)
            out.appendLE(r.channelCount)
            out.appendLE(r.attachmentCount)
            out.appendLE(r.metadataCount)
            out.appendLE(r.chunkCount)
            out.appendLE(r.messageStartTime)
            out.appendLE(r.messageEndTime)
            out.appendMCAPCountMap(r.channelMessageCounts)
            out.endMCAPRecord(startedAt: s)
        case .metadata(let r):
            let s = out.beginMCAPRecord(.metadata)
            out.appendMCAPString(r.name)
            out.appendMCAPStringMap(r.metadata)
            out.endMCAPRecord(startedAt: s)
        case .metadataIndex(let r):
            let s = out.beginMCAPRecord(.metadataIndex)
            out.appendLE(r.offset)
            out.appendLE(r.length)
            out.appendMCAPString(r.name)
            out.endMCAPRecord(startedAt: s)
        case .summaryOffset(let r):
            let s = out.beginMCAPRecord(.summaryOffset)
            out.appendLE(r.groupOpcode)
            out.appendLE(r.groupStart)
            out.appendLE(r.groupLength)
            out.endMCAPRecord(startedAt: s)
        case .dataEnd(let r):
            let s = out.beginMCAPRecord(.dataEnd)
            out.appendLE(r.dataSectionCRC)
            out.endMCAPRecord(startedAt: s)
        case .unknown(let opcode, let body):
            out.append(opcode)
            out.appendLE(UInt64(body.count))
            out.append(contentsOf: body)
        }
    }

    /// The record's bytes (convenience for tests and small records).
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }
}

extension MCAPSchema {
    func encode(into out: inout [UInt8]) {
        let s = out.beginMCAPRecord(.schema)
        out.appendLE(id)
        out.appendMCAPString(name)
        out.appendMCAPString(encoding)
        out.appendLE(UInt32(truncatingIfNeeded: data.count))
        out.append(contentsOf: data)
        out.endMCAPRecord(startedAt: s)
    }
}

extension MCAPChannel {
    func encode(into out: inout [UInt8]) {
        let s = out.beginMCAPRecord(.channel)
        out.appendLE(id)
        out.appendLE(schemaID)
        out.appendMCAPString(topic)
        out.appendMCAPString(messageEncoding)
        out.appendMCAPStringMap(metadata)
        out.endMCAPRecord(startedAt: s)
    }
}

extension MCAPMessage {
    /// Fixed part of a Message's content: channel_id, sequence, log_time, publish_time.
    static let fixedContentLength = 2 + 4 + 8 + 8

    /// The hot-path encoder: no intermediate struct, length known up front.
    @inline(__always)
    static func encode(
        channelID: UInt16, sequence: UInt32, logTime: UInt64, publishTime: UInt64, data: [UInt8],
        into out: inout [UInt8]
    ) {
        out.append(MCAPOpcode.message.rawValue)
        out.appendLE(UInt64(fixedContentLength + data.count))
        out.appendLE(channelID)
        out.appendLE(sequence)
        out.appendLE(logTime)
        out.appendLE(publishTime)
        out.append(contentsOf: data)
    }
}
