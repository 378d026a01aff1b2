/// Chunk (op 0x06): a batch of Schema/Channel/Message records with its own CRC, the unit recovery keeps or drops.
public struct MCAPChunk: Sendable, Equatable {
    public var messageStartTime: UInt64
    public var messageEndTime: UInt64
    public var uncompressedSize: UInt64
    /// CRC-32 of the uncompressed records; 0 = not computed.
    public var uncompressedCRC: UInt32
    /// "", "lz4" or "zstd"; Takt reads and writes only "".
    public var compression: String
    /// The (possibly compressed) concatenated inner records.
    public var records: [UInt8]

    public init(
        messageStartTime: UInt64, messageEndTime: UInt64, uncompressedSize: UInt64, uncompressedCRC: UInt32,
        compression: String, records: [UInt8]
    ) {
        self.messageStartTime = messageStartTime
        self.messageEndTime = messageEndTime
        self.uncompressedSize = uncompressedSize
        self.uncompressedCRC = uncompressedCRC
        self.compression = compression
        self.records = records
    }
}

/// One entry of a Message Index: where a message sits inside the uncompressed chunk.
public struct MCAPMessageIndexEntry: Sendable, Equatable {
    public var logTime: UInt64
    /// Offset of the Message record from the start of the uncompressed chunk records.
    public var offset: UInt64

    public init(logTime: UInt64, offset: UInt64) {
        self.logTime = logTime
        self.offset = offset
    }
}

/// Message Index (op 0x07): follows its chunk; one per channel present in the chunk.
public struct MCAPMessageIndex: Sendable, Equatable {
    public var channelID: UInt16
    public var records: [MCAPMessageIndexEntry]

    public init(channelID: UInt16, records: [MCAPMessageIndexEntry]) {
        self.channelID = channelID
        self.records = records
    }
}

/// Chunk Index (op 0x08, summary): locates one chunk and its message indexes.
public struct MCAPChunkIndex: Sendable, Equatable {
    public var messageStartTime: UInt64
    public var messageEndTime: UInt64
    public var chunkStartOffset: UInt64
    /// Whole Chunk record length, prefix included.
    public var chunkLength: UInt64
    public var messageIndexOffsets: [UInt16: UInt64]
    /// Total length of the Message Index records following the chunk.
    public var messageIndexLength: UInt64
    public var compression: String
    public var compressedSize: UInt64
    public var uncompressedSize: UInt64

    public init(
        messageStartTime: UInt64, messageEndTime: UInt64, chunkStartOffset: UInt64, chunkLength: UInt64,
        messageIndexOffsets: [UInt16: UInt64], messageIndexLength: UInt64, compression: String,
        compressedSize: UInt64, uncompressedSize: UInt64
    ) {
        self.messageStartTime = messageStartTime
        self.messageEndTime = messageEndTime
        self.chunkStartOffset = chunkStartOffset
        self.chunkLength = chunkLength
        self.messageIndexOffsets = messageIndexOffsets
        self.messageIndexLength = messageIndexLength
        self.compression = compression
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
    }
}
