/// The record-by-record scan behind `MCAPRecovery`: classifies each record as kept, dropped or the end of the
/// usable data, and collects what the rebuilt summary needs with offsets as they will be in the repaired file.
struct MCAPRecoveryScan {
    private enum MessageIndexTarget { case none, kept(Int), dropped }

    let bytes: [UInt8]
    private var position = 0
    private var prefixEnd = 0
    /// Set once something has been skipped: later good records can no longer extend the prefix and are carried.
    private var skipped = false
    private var carried: [UInt8] = []
    private var header: MCAPHeader?
    private var summary = MCAPSummaryBuilder()
    private var schemaIDs: Set<UInt16> = []
    private var channelIDs: Set<UInt16> = []
    private var statistics = MCAPStatistics()
    private var messageIndexTarget = MessageIndexTarget.none
    private var chunksKept = 0
    private var chunksDropped = 0
    private var messagesDropped = 0
    private var bytesDiscarded = 0
    private var sawDataEnd = false

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// File offset the record starting at `position` will have in the repaired file.
    private var newOffset: UInt64 { UInt64(skipped ? prefixEnd + carried.count : position) }

    mutating func run() {
        guard bytes.count >= MCAPFormat.magic.count, bytes[0..<8].elementsEqual(MCAPFormat.magic),
            let first = bounds(at: 8), first.opcode == MCAPOpcode.header.rawValue,
            case .header(let h)? = try? MCAPRecord.decode(
                opcode: first.opcode, bytes: bytes, content: first.content, offset: 8)
        else {
            bytesDiscarded = bytes.count
            return
        }
        header = h
        position = first.end
        prefixEnd = position
        while let record = bounds(at: position), step(record) {}
        if !sawDataEnd { bytesDiscarded += bytes.count - position }
    }

    /// Opcode and content range of a complete record at `start`; nil if torn or reserved.
    private func bounds(at start: Int) -> (opcode: UInt8, content: Range<Int>, end: Int)? {
        guard bytes.count - start >= MCAPFormat.recordPrefixLength, bytes[start] != 0 else { return nil }
        let length = bytes.withUnsafeBytes {
            UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: start + 1, as: UInt64.self))
        }
        let contentStart = start + MCAPFormat.recordPrefixLength
        guard length <= UInt64(bytes.count - contentStart) else { return nil }
        return (bytes[start], contentStart..<(contentStart + Int(length)), contentStart + Int(length))
    }

    /// Handles one complete record; false ends the scan.
    private mutating func step(_ r: (opcode: UInt8, content: Range<Int>, end: Int)) -> Bool {
        guard MCAPOpcode(rawValue: r.opcode) != nil,
            let record = try? MCAPRecord.decode(
                opcode: r.opcode, bytes: bytes, content: r.content, offset: UInt64(position))
        else { return false }
        let length = r.end - position
        let offset = newOffset
        var nextTarget = MessageIndexTarget.none
        switch record {
        case .schema(let schema):
            guard schema.id != 0 else { return false }
            if schemaIDs.insert(schema.id).inserted {
                summary.schemas.append(schema)
                statistics.schemaCount &+= 1
            }
        case .channel(let channel):
            guard channel.schemaID == 0 || schemaIDs.contains(channel.schemaID) else { return false }
            if channelIDs.insert(channel.id).inserted {
                summary.channels.append(channel)
                statistics.channelCount &+= 1
            }
        case .message(let message):
            guard channelIDs.contains(message.channelID) else { return false }
            statistics.count(channelID: message.channelID, logTime: message.logTime)
        case .chunk(let chunk):
            guard chunk.compression.isEmpty else { return false }
            guard absorb(chunk) else {
                drop(length, messages: Self.countMessages(in: chunk))
                chunksDropped += 1
                messageIndexTarget = .dropped
                return true
            }
            chunksKept += 1
            statistics.chunkCount &+= 1
            summary.chunkIndexes.append(
                MCAPChunkIndex(
                    messageStartTime: chunk.messageStartTime, messageEndTime: chunk.messageEndTime,
                    chunkStartOffset: offset, chunkLength: UInt64(length), messageIndexOffsets: [:],
                    messageIndexLength: 0, compression: "", compressedSize: UInt64(chunk.records.count),
                    uncompressedSize: chunk.uncompressedSize))
            nextTarget = .kept(summary.chunkIndexes.count - 1)
        case .messageIndex(let index):
            switch messageIndexTarget {
            case .none:
                return false
            case .dropped:
                drop(length, messages: 0)
                return true
            case .kept(let i):
                summary.chunkIndexes[i].messageIndexOffsets[index.channelID] = offset
                summary.chunkIndexes[i].messageIndexLength += UInt64(length)
                nextTarget = messageIndexTarget
            }
        case .attachment(let attachment):
            if attachment.crc != 0,
                let covered = MCAPRecord.attachmentCRCCoveredLength(bytes: bytes, content: r.content),
                MCAPCRC32.checksum(bytes[r.content.lowerBound..<(r.content.lowerBound + covered)]) != attachment.crc
            {
                drop(length, messages: 0)
                return true
            }
            statistics.attachmentCount &+= 1
            summary.attachmentIndexes.append(
                MCAPAttachmentIndex(
                    offset: offset, length: UInt64(length), logTime: attachment.logTime,
                    createTime: attachment.createTime, dataSize: UInt64(attachment.data.count),
                    name: attachment.name, mediaType: attachment.mediaType))
        case .metadata(let metadata):
            statistics.metadataCount &+= 1
            summary.metadataIndexes.append(
                MCAPMetadataIndex(offset: offset, length: UInt64(length), name: metadata.name))
        case .dataEnd:
            sawDataEnd = true
            return false
        default:
            return false
        }
        messageIndexTarget = nextTarget
        if skipped {
            carried.append(contentsOf: bytes[position..<r.end])
        } else {
            prefixEnd = r.end
        }
        position = r.end
        return true
    }

    /// Skips a bad record: from here on the prefix is frozen.
    private mutating func drop(_ length: Int, messages: Int) {
        skipped = true
        bytesDiscarded += length
        messagesDropped += messages
        position += length
    }

    /// Verifies a chunk and, if good, registers its schemas, channels and messages. False = drop it.
    private mutating func absorb(_ chunk: MCAPChunk) -> Bool {
        guard let records = try? chunk.decodeRecords(validateCRC: true) else { return false }
        var schemas = schemaIDs
        var channels = channelIDs
        for record in records {
            switch record {
            case .schema(let s): guard s.id != 0 else { return false }; schemas.insert(s.id)
            case .channel(let c):
                guard c.schemaID == 0 || schemas.contains(c.schemaID) else { return false }
                channels.insert(c.id)
            case .message(let m): guard channels.contains(m.channelID) else { return false }
            default: break
            }
        }
        for record in records {
            switch record {
            case .schema(let s) where schemaIDs.insert(s.id).inserted:
                summary.schemas.append(s)
                statistics.schemaCount &+= 1
            case .channel(let c) where channelIDs.insert(c.id).inserted:
                summary.channels.append(c)
                statistics.channelCount &+= 1
            case .message(let m):
                statistics.count(channelID: m.channelID, logTime: m.logTime)
            default: break
            }
        }
        return true
    }

    private static func countMessages(in chunk: MCAPChunk) -> Int {
        guard let records = try? chunk.decodeRecords(validateCRC: false) else { return 0 }
        return records.reduce(0) { count, record in
            if case .message = record { return count + 1 }
            return count
        }
    }

    func result() -> MCAPRecoveryResult {
        var tail: [UInt8] = []
        var keptPrefix = prefixEnd
        if header == nil {
            keptPrefix = 0
            tail.append(contentsOf: MCAPFormat.magic)
            MCAPRecord.header(MCAPHeader(profile: "", library: "")).encode(into: &tail)
        }
        tail.append(contentsOf: carried)
        var crc = MCAPCRC32()
        crc.update(bytes[0..<keptPrefix])
        crc.update(tail)
        MCAPRecord.dataEnd(MCAPDataEnd(dataSectionCRC: crc.value)).encode(into: &tail)
        var summary = self.summary
        summary.statistics = statistics
        summary.write(summaryStart: UInt64(keptPrefix + tail.count), into: &tail)
        return MCAPRecoveryResult(
            validPrefixLength: keptPrefix, tail: tail, messagesKept: Int(statistics.messageCount),
            messagesDropped: messagesDropped, chunksKept: chunksKept, chunksDropped: chunksDropped,
            bytesDiscarded: bytesDiscarded, dataSectionWasComplete: sawDataEnd && !skipped)
    }
}
