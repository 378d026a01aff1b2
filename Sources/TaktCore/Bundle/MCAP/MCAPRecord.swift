/// One MCAP record as a reader yields it. Opcodes the reader does not know (future or private 0x80+) come back as
/// `.unknown` with their raw content, as the spec requires readers to skip rather than reject them.
public enum MCAPRecord: Sendable, Equatable {
    case header(MCAPHeader)
    case footer(MCAPFooter)
    case schema(MCAPSchema)
    case channel(MCAPChannel)
    case message(MCAPMessage)
    case chunk(MCAPChunk)
    case messageIndex(MCAPMessageIndex)
    case chunkIndex(MCAPChunkIndex)
    case attachment(MCAPAttachment)
    case attachmentIndex(MCAPAttachmentIndex)
    case statistics(MCAPStatistics)
    case metadata(MCAPMetadata)
    case metadataIndex(MCAPMetadataIndex)
    case summaryOffset(MCAPSummaryOffset)
    case dataEnd(MCAPDataEnd)
    case unknown(opcode: UInt8, body: [UInt8])

    /// The record's opcode byte.
    public var opcode: UInt8 {
        switch self {
        case .header: MCAPOpcode.header.rawValue
        case .footer: MCAPOpcode.footer.rawValue
        case .schema: MCAPOpcode.schema.rawValue
        case .channel: MCAPOpcode.channel.rawValue
        case .message: MCAPOpcode.message.rawValue
        case .chunk: MCAPOpcode.chunk.rawValue
        case .messageIndex: MCAPOpcode.messageIndex.rawValue
        case .chunkIndex: MCAPOpcode.chunkIndex.rawValue
        case .attachment: MCAPOpcode.attachment.rawValue
        case .attachmentIndex: MCAPOpcode.attachmentIndex.rawValue
        case .statistics: MCAPOpcode.statistics.rawValue
        case .metadata: MCAPOpcode.metadata.rawValue
        case .metadataIndex: MCAPOpcode.metadataIndex.rawValue
        case .summaryOffset: MCAPOpcode.summaryOffset.rawValue
        case .dataEnd: MCAPOpcode.dataEnd.rawValue
        case .unknown(let opcode, _): opcode
        }
    }
}
