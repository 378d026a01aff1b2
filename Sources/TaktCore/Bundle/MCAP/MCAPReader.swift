/// A message with the channel and schema it was published on, as whole-file readers hand them out.
public struct MCAPMessageEvent: Sendable, Equatable {
    public var channel: MCAPChannel
    /// nil for schemaless channels (schema id 0).
    public var schema: MCAPSchema?
    public var message: MCAPMessage

    public init(channel: MCAPChannel, schema: MCAPSchema?, message: MCAPMessage) {
        self.channel = channel
        self.schema = schema
        self.message = message
    }
}

/// Whole-file conveniences over `MCAPStreamedReader` for inspection, verification and tests. The file must be
/// complete (footer and closing magic); use `MCAPRecovery` for a cut file.
public enum MCAPReader {
    /// Every record in file order, chunks expanded into their records.
    public static func records(in bytes: [UInt8], validateCRCs: Bool = true) throws(MCAPReadError) -> [MCAPRecord] {
        var reader = MCAPStreamedReader(validateCRCs: validateCRCs)
        reader.append(bytes)
        var out: [MCAPRecord] = []
        while let record = try reader.nextRecord() { out.append(record) }
        guard reader.isFinished else { throw .unexpectedEnd(offset: reader.offset) }
        return out
    }

    /// Every message in file order (including those inside chunks) with its channel and schema.
    public static func messages(in bytes: [UInt8], validateCRCs: Bool = true) throws(MCAPReadError) -> [MCAPMessageEvent] {
        var reader = MCAPStreamedReader(validateCRCs: validateCRCs)
        reader.append(bytes)
        var schemas: [UInt16: MCAPSchema] = [:]
        var channels: [UInt16: MCAPChannel] = [:]
        var out: [MCAPMessageEvent] = []
        while let record = try reader.nextRecord() {
            switch record {
            case .schema(let schema):
                schemas[schema.id] = schema
            case .channel(let channel):
                guard channel.schemaID == 0 || schemas[channel.schemaID] != nil else {
                    throw .unknownSchema(id: channel.schemaID, offset: reader.offset)
                }
                channels[channel.id] = channel
            case .message(let message):
                guard let channel = channels[message.channelID] else {
                    throw .unknownChannel(id: message.channelID, offset: reader.offset)
                }
                out.append(MCAPMessageEvent(channel: channel, schema: schemas[channel.schemaID], message: message))
            default:
                break
            }
        }
        guard reader.isFinished else { throw .unexpectedEnd(offset: reader.offset) }
        return out
    }
}
