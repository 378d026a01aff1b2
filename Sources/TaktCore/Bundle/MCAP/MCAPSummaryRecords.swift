/// Statistics (op 0x0B, summary, at most one): counts a reader can show without scanning the file.
public struct MCAPStatistics: Sendable, Equatable {
    public var messageCount: UInt64
    public var schemaCount: UInt16
    public var channelCount: UInt32
    public var attachmentCount: UInt32
    public var metadataCount: UInt32
    public var chunkCount: UInt32
    public var messageStartTime: UInt64
    public var messageEndTime: UInt64
    public var channelMessageCounts: [UInt16: UInt64]

    public init(
        messageCount: UInt64 = 0, schemaCount: UInt16 = 0, channelCount: UInt32 = 0, attachmentCount: UInt32 = 0,
        metadataCount: UInt32 = 0, chunkCount: UInt32 = 0, messageStartTime: UInt64 = 0, messageEndTime: UInt64 = 0,
        channelMessageCounts: [UInt16: UInt64] = [:]
    ) {
        self.messageCount = messageCount
        self.schemaCount = schemaCount
        self.channelCount = channelCount
        self.attachmentCount = attachmentCount
        self.metadataCount = metadataCount
        self.chunkCount = chunkCount
        self.messageStartTime = messageStartTime
        self.messageEndTime = messageEndTime
        self.channelMessageCounts = channelMessageCounts
    }

    /// Accounts for one message (the first message sets the start time, as every official writer does).
    mutating func count(channelID: UInt16, logTime: UInt64) {
        if messageCount == 0 {
            messageStartTime = logTime
            messageEndTime = logTime
        } else {
            messageStartTime = min(messageStartTime, logTime)
            messageEndTime = max(messageEndTime, logTime)
        }
        messageCount += 1
        channelMessageCounts[channelID, default: 0] += 1
    }
}

/// Summary Offset (op 0x0E): where one opcode's group sits in the summary section.
public struct MCAPSummaryOffset: Sendable, Equatable {
    public var groupOpcode: UInt8
    public var groupStart: UInt64
    public var groupLength: UInt64

    public init(groupOpcode: UInt8, groupStart: UInt64, groupLength: UInt64) {
        self.groupOpcode = groupOpcode
        self.groupStart = groupStart
        self.groupLength = groupLength
    }
}
