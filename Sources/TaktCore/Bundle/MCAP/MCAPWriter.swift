/// A sans-I/O MCAP writer: it appends the file's bytes to an internal buffer that the owner drains with
/// `takeOutput()` and writes to disk, so it can run on the recording hot path without touching a file or a clock.
///
/// ```swift
/// var writer = MCAPWriter()                       // Takt's options: chunked, indexed, CRCs on
/// writer.start(profile: "takt", library: "takt 0.1")
/// let schema = writer.registerSchema(name: "takt.Fix", encoding: "jsonschema", data: schemaJSON)
/// let channel = writer.registerChannel(topic: "/gnss/fix", messageEncoding: "json", schemaID: schema, metadata: [:])
/// writer.addMessage(channelID: channel, sequence: 0, logTime: t, publishTime: t, data: payload)
/// file.append(writer.takeOutput())                // whenever convenient
/// if let start = writer.openChunkStartLogTime, now - start >= 1 s { writer.closeChunk() }
/// writer.finish()
/// file.append(writer.takeOutput())
/// ```
///
/// Schemas and channels registered while chunking go into the open chunk, attachments and metadata straight into
/// the data section (as python-mcap does), which is what the conformance suite expects byte for byte.
public struct MCAPWriter: Sendable {
    private let options: Options
    private var output: [UInt8] = []
    /// Bytes already drained by `takeOutput`.
    private var drained: UInt64 = 0
    /// Index in `output` up to which `dataCRC` has consumed bytes.
    private var dataCRCCovered = 0
    private var dataCRC = MCAPCRC32()
    private var chunk: MCAPChunkBuilder
    private var summary = MCAPSummaryBuilder()
    private var statistics = MCAPStatistics()
    private var started = false
    private var finished = false

    public init(options: Options = .init()) {
        self.options = options
        self.chunk = MCAPChunkBuilder(reserving: options.useChunking ? min(options.chunkSize, 1 << 24) + 4096 : 0)
        self.output.reserveCapacity(options.useChunking ? min(options.chunkSize, 1 << 24) + 65536 : 1 << 16)
        summary.useSummaryOffsets = options.useSummaryOffsets
        summary.enableCRC = options.enableCRCs
    }

    /// Total bytes of the file produced so far (drained or not): the file offset of the next record.
    public var bytesProduced: UInt64 { drained + UInt64(output.count) }

    /// Log time of the first message in the open chunk; nil when no chunk with messages is open.
    public var openChunkStartLogTime: UInt64? {
        chunk.messageCount > 0 ? chunk.messageStartTime : nil
    }

    /// The statistics so far (counts of messages, chunks, ...), for status displays.
    public var currentStatistics: MCAPStatistics { statistics }

    /// Writes the magic and the Header. Call once, first.
    public mutating func start(profile: String, library: String) {
        precondition(!started, "MCAPWriter.start called twice")
        started = true
        output.append(contentsOf: MCAPFormat.magic)
        MCAPRecord.header(MCAPHeader(profile: profile, library: library)).encode(into: &output)
    }

    /// Registers a schema and returns its id (1, 2, 3...). While chunking it is written into the open chunk.
    public mutating func registerSchema(name: String, encoding: String, data: [UInt8]) -> UInt16 {
        let id = UInt16(truncatingIfNeeded: summary.schemas.count + 1)
        let schema = MCAPSchema(id: id, name: name, encoding: encoding, data: data)
        summary.schemas.append(schema)
        statistics.schemaCount &+= 1
        if options.useChunking {
            chunk.add(schema: schema)
            closeChunkIfFull()
        } else {
            schema.encode(into: &output)
        }
        return id
    }

    /// Registers a channel and returns its id (1, 2, 3...). `schemaID` 0 means schemaless.
    public mutating func registerChannel(
        topic: String, messageEncoding: String, schemaID: UInt16, metadata: [String: String]
    ) -> UInt16 {
        let id = UInt16(truncatingIfNeeded: summary.channels.count + 1)
        let channel = MCAPChannel(
            id: id, schemaID: schemaID, topic: topic, messageEncoding: messageEncoding, metadata: metadata)
        summary.channels.append(channel)
        statistics.channelCount &+= 1
        if options.useChunking {
            chunk.add(channel: channel)
            closeChunkIfFull()
        } else {
            channel.encode(into: &output)
        }
        return id
    }

    /// Adds one message (into the open chunk when chunking; a full chunk is closed right away).
    public mutating func addMessage(
        channelID: UInt16, sequence: UInt32, logTime: UInt64, publishTime: UInt64, data: [UInt8]
    ) {
        statistics.count(channelID: channelID, logTime: logTime)
        if options.useChunking {
            chunk.addMessage(
                channelID: channelID, sequence: sequence, logTime: logTime, publishTime: publishTime, data: data)
            closeChunkIfFull()
        } else {
            MCAPMessage.encode(
                channelID: channelID, sequence: sequence, logTime: logTime, publishTime: publishTime, data: data,
                into: &output)
        }
    }

    /// Adds an attachment to the data section (attachments never go into chunks).
    public mutating func addAttachment(
        logTime: UInt64, createTime: UInt64, name: String, mediaType: String, data: [UInt8]
    ) {
        statistics.attachmentCount &+= 1
        let offset = bytesProduced
        let start = output.count
        let attachment = MCAPAttachment(
            logTime: logTime, createTime: createTime, name: name, mediaType: mediaType, data: data, crc: 0)
        MCAPRecord.attachment(attachment).encode(into: &output)
        if options.enableCRCs {
            let crcAt = output.count - 4
            let crc = MCAPCRC32.checksum(output[(start + MCAPFormat.recordPrefixLength)..<crcAt]).littleEndian
            withUnsafeBytes(of: crc) { raw in
                for i in 0..<4 { output[crcAt + i] = raw[i] }
            }
        }
        if options.useAttachmentIndex {
            summary.attachmentIndexes.append(
                MCAPAttachmentIndex(
                    offset: offset, length: UInt64(output.count - start), logTime: logTime, createTime: createTime,
                    dataSize: UInt64(data.count), name: name, mediaType: mediaType))
        }
    }

    /// Adds a Metadata record to the data section.
    public mutating func addMetadata(name: String, metadata: [String: String]) {
        statistics.metadataCount &+= 1
        let offset = bytesProduced
        let start = output.count
        MCAPRecord.metadata(MCAPMetadata(name: name, metadata: metadata)).encode(into: &output)
        if options.useMetadataIndex {
            summary.metadataIndexes.append(
                MCAPMetadataIndex(offset: offset, length: UInt64(output.count - start), name: name))
        }
    }

    /// Ends the open chunk now if it holds any message (the owner calls this when the chunk is 1 s old, bounding
    /// what a crash can lose). Schemas and channels without messages stay for the next chunk.
    public mutating func closeChunk() {
        guard chunk.messageCount > 0 else { return }
        writeChunk()
    }

    /// Writes the last chunk, Data End, the summary, summary offsets, footer and closing magic.
    public mutating func finish() {
        precondition(started && !finished, "MCAPWriter.finish needs a started, unfinished writer")
        finished = true
        if !chunk.isEmpty { writeChunk() }
        updateDataCRC()
        MCAPRecord.dataEnd(MCAPDataEnd(dataSectionCRC: options.enableDataCRC ? dataCRC.value : 0)).encode(into: &output)
        if options.useStatistics { summary.statistics = statistics }
        var finalSummary = summary
        if !options.repeatSchemas { finalSummary.schemas = [] }
        if !options.repeatChannels { finalSummary.channels = [] }
        finalSummary.write(summaryStart: bytesProduced, into: &output)
    }

    /// Drains the bytes produced since the last call; the caller appends them to the file in order.
    public mutating func takeOutput() -> [UInt8] {
        if !finished { updateDataCRC() }
        let capacity = output.capacity
        var taken: [UInt8] = []
        taken.reserveCapacity(capacity)
        swap(&taken, &output)
        drained += UInt64(taken.count)
        dataCRCCovered = 0
        return taken
    }

    private mutating func closeChunkIfFull() {
        if chunk.records.count > options.chunkSize && chunk.messageCount > 0 { writeChunk() }
    }

    private mutating func updateDataCRC() {
        guard options.enableDataCRC, dataCRCCovered < output.count else { return }
        dataCRC.update(output[dataCRCCovered..<output.count])
        dataCRCCovered = output.count
    }

    /// Chunk record, then its message indexes; records the chunk index.
    private mutating func writeChunk() {
        statistics.chunkCount &+= 1
        let chunkStart = bytesProduced
        let outputStart = output.count
        let size = chunk.records.count
        output.append(MCAPOpcode.chunk.rawValue)
        output.appendLE(UInt64(8 + 8 + 8 + 4 + 4 + 8 + size))
        output.appendLE(chunk.messageStartTime)
        output.appendLE(chunk.messageEndTime)
        output.appendLE(UInt64(size))
        output.appendLE(options.enableCRCs ? MCAPCRC32.checksum(chunk.records) : UInt32(0))
        output.appendMCAPString("")
        output.appendLE(UInt64(size))
        output.append(contentsOf: chunk.records)
        let chunkLength = UInt64(output.count - outputStart)
        var offsets: [UInt16: UInt64] = [:]
        let indexStart = output.count
        if options.useMessageIndex {
            for index in chunk.messageIndexes {
                offsets[index.channelID] = drained + UInt64(output.count)
                MCAPRecord.messageIndex(index).encode(into: &output)
            }
        }
        if options.useChunkIndex {
            summary.chunkIndexes.append(
                MCAPChunkIndex(
                    messageStartTime: chunk.messageStartTime, messageEndTime: chunk.messageEndTime,
                    chunkStartOffset: chunkStart, chunkLength: chunkLength, messageIndexOffsets: offsets,
                    messageIndexLength: UInt64(output.count - indexStart), compression: "",
                    compressedSize: UInt64(size), uncompressedSize: UInt64(size)))
        }
        chunk.reset()
    }
}
