/// Attachment (op 0x09): an auxiliary file (calibration, rig config) stored in the data section, never in a chunk.
public struct MCAPAttachment: Sendable, Equatable {
    public var logTime: UInt64
    public var createTime: UInt64
    public var name: String
    public var mediaType: String
    public var data: [UInt8]
    /// CRC-32 of the fields before it (log_time through data); 0 = not computed.
    public var crc: UInt32

    public init(logTime: UInt64, createTime: UInt64, name: String, mediaType: String, data: [UInt8], crc: UInt32) {
        self.logTime = logTime
        self.createTime = createTime
        self.name = name
        self.mediaType = mediaType
        self.data = data
        self.crc = crc
    }
}

/// Attachment Index (op 0x0A, summary).
public struct MCAPAttachmentIndex: Sendable, Equatable {
    public var offset: UInt64
    /// Whole Attachment record length, prefix included.
    public var length: UInt64
    public var logTime: UInt64
    public var createTime: UInt64
    public var dataSize: UInt64
    public var name: String
    public var mediaType: String

    public init(
        offset: UInt64, length: UInt64, logTime: UInt64, createTime: UInt64, dataSize: UInt64, name: String,
        mediaType: String
    ) {
        self.offset = offset
        self.length = length
        self.logTime = logTime
        self.createTime = createTime
        self.dataSize = dataSize
        self.name = name
        self.mediaType = mediaType
    }
}

/// Metadata (op 0x0C): named key-value strings (Takt: segment and rig facts).
public struct MCAPMetadata: Sendable, Equatable {
    public var name: String
    public var metadata: [String: String]

    public init(name: String, metadata: [String: String]) {
        self.name = name
        self.metadata = metadata
    }
}

/// Metadata Index (op 0x0D, summary).
public struct MCAPMetadataIndex: Sendable, Equatable {
    public var offset: UInt64
    public var length: UInt64
    public var name: String

    public init(offset: UInt64, length: UInt64, name: String) {
        self.offset = offset
        self.length = length
        self.name = name
    }
}
