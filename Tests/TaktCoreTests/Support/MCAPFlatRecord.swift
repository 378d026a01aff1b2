import TaktCore

/// A record as the conformance suite's JSON lists it: type name plus snake_case fields, integers as decimal
/// strings. Both the suite's JSON and TaktCore's `MCAPRecord` convert to this, so comparing is plain equality.
struct MCAPFlatRecord: Equatable, CustomStringConvertible, Sendable {
    enum Value: Equatable, Sendable, CustomStringConvertible {
        case scalar(String)
        case list([String])
        case map([String: String])

        init(json: Any) {
            if let s = json as? String {
                self = .scalar(s)
            } else if let a = json as? [Any] {
                self = .list(a.map { "\($0)" })
            } else if let d = json as? [String: Any] {
                self = .map(d.mapValues { "\($0)" })
            } else {
                self = .scalar("\(json)")
            }
        }

        var description: String {
            switch self {
            case .scalar(let s): "\"\(s)\""
            case .list(let l): "[\(l.joined(separator: ","))]"
            case .map(let m): "{" + m.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",") + "}"
            }
        }
    }

    let type: String
    let fields: [String: Value]

    var description: String {
        type + "(" + fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + ")"
    }
}

extension MCAPFlatRecord {
    init(type: String, _ fields: KeyValuePairs<String, Value>) {
        self.init(type: type, fields: Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.value) }))
    }

    /// The suite's view of a TaktCore record (Attachment's crc is not listed by the suite).
    init(_ record: MCAPRecord) {
        func s(_ v: some BinaryInteger) -> Value { .scalar("\(v)") }
        func bytes(_ b: [UInt8]) -> Value { .list(b.map { "\($0)" }) }
        func counts(_ m: [UInt16: UInt64]) -> Value { .map(Dictionary(uniqueKeysWithValues: m.map { ("\($0.key)", "\($0.value)") })) }
        switch record {
        case .header(let r): self.init(type: "Header", ["profile": .scalar(r.profile), "library": .scalar(r.library)])
        case .footer(let r):
            self.init(type: "Footer", ["summary_start": s(r.summaryStart), "summary_offset_start": s(r.summaryOffsetStart), "summary_crc": s(r.summaryCRC)])
        case .schema(let r):
            self.init(type: "Schema", ["id": s(r.id), "name": .scalar(r.name), "encoding": .scalar(r.encoding), "data": bytes(r.data)])
        case .channel(let r):
            self.init(type: "Channel", ["id": s(r.id), "schema_id": s(r.schemaID), "topic": .scalar(r.topic), "message_encoding": .scalar(r.messageEncoding), "metadata": .map(r.metadata)])
        case .message(let r):
            self.init(type: "Message", ["channel_id": s(r.channelID), "sequence": s(r.sequence), "log_time": s(r.logTime), "publish_time": s(r.publishTime), "data": bytes(r.data)])
        case .chunk(let r):
            self.init(type: "Chunk", ["message_start_time": s(r.messageStartTime), "message_end_time": s(r.messageEndTime), "uncompressed_size": s(r.uncompressedSize), "uncompressed_crc": s(r.uncompressedCRC), "compression": .scalar(r.compression), "records": bytes(r.records)])
        case .messageIndex(let r):
            self.init(type: "MessageIndex", ["channel_id": s(r.channelID), "records": .list(r.records.map { "(\($0.logTime),\($0.offset))" })])
        case .chunkIndex(let r):
            self.init(type: "ChunkIndex", ["message_start_time": s(r.messageStartTime), "message_end_time": s(r.messageEndTime), "chunk_start_offset": s(r.chunkStartOffset), "chunk_length": s(r.chunkLength), "message_index_offsets": counts(r.messageIndexOffsets), "message_index_length": s(r.messageIndexLength), "compression": .scalar(r.compression), "compressed_size": s(r.compressedSize), "uncompressed_size": s(r.uncompressedSize)])
        case .attachment(let r):
            self.init(type: "Attachment", ["log_time": s(r.logTime), "create_time": s(r.createTime), "name": .scalar(r.name), "media_type": .scalar(r.mediaType), "data": bytes(r.data)])
        case .attachmentIndex(let r):
            self.init(type: "AttachmentIndex", ["offset": s(r.offset), "length": s(r.length), "log_time": s(r.logTime), "create_time": s(r.createTime), "data_size": s(r.dataSize), "name": .scalar(r.name), "media_type": .scalar(r.mediaType)])
        case .statistics(let r):
            self.init(type: "Statistics", ["message_count": s(r.messageCount), "schema_count": s(r.schemaCount), "channel_count": s(r.channelCount), "attachment_count": s(r.attachmentCount), "metadata_count": s(r.metadataCount), "chunk_count": s(r.chunkCount), "message_start_time": s(r.messageStartTime), "message_end_time": s(r.messageEndTime), "channel_message_counts": counts(r.channelMessageCounts)])
        case .metadata(let r): self.init(type: "Metadata", ["name": .scalar(r.name), "metadata": .map(r.metadata)])
        case .metadataIndex(let r): self.init(type: "MetadataIndex", ["offset": s(r.offset), "length": s(r.length), "name": .scalar(r.name)])
        case .summaryOffset(let r):
            self.init(type: "SummaryOffset", ["group_opcode": s(r.groupOpcode), "group_start": s(r.groupStart), "group_length": s(r.groupLength)])
        case .dataEnd(let r): self.init(type: "DataEnd", ["data_section_crc": s(r.dataSectionCRC)])
        case .unknown(let op, let body): self.init(type: "Unknown", ["opcode": s(op), "body": bytes(body)])
        }
    }

    /// Integer field value (for driving the writer from the suite's JSON).
    func int<T: FixedWidthInteger>(_ key: String, as: T.Type = T.self) -> T {
        if case .scalar(let v) = fields[key] { return T(v) ?? 0 }
        return 0
    }

    func string(_ key: String) -> String {
        if case .scalar(let v) = fields[key] { return v }
        return ""
    }

    func bytes(_ key: String) -> [UInt8] {
        if case .list(let v) = fields[key] { return v.compactMap { UInt8($0) } }
        return []
    }

    func map(_ key: String) -> [String: String] {
        if case .map(let v) = fields[key] { return v }
        return [:]
    }
}
