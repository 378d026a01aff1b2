/// Header (op 0x01): first record of every file.
public struct MCAPHeader: Sendable, Equatable {
    /// Field conventions the file follows (e.g. "ros2"); Takt writes its own profile name.
    public var profile: String
    /// Free-form writer name and version, for debugging.
    public var library: String

    public init(profile: String, library: String) {
        self.profile = profile
        self.library = library
    }
}

/// Footer (op 0x02): last record; locates the summary so seeking readers need not scan the file.
public struct MCAPFooter: Sendable, Equatable {
    /// Offset of the first summary record, 0 when there is no summary.
    public var summaryStart: UInt64
    /// Offset of the first Summary Offset record, 0 when there are none.
    public var summaryOffsetStart: UInt64
    /// CRC-32 from summaryStart through the footer's summary_offset_start field; 0 = not computed.
    public var summaryCRC: UInt32

    public init(summaryStart: UInt64, summaryOffsetStart: UInt64, summaryCRC: UInt32) {
        self.summaryStart = summaryStart
        self.summaryOffsetStart = summaryOffsetStart
        self.summaryCRC = summaryCRC
    }
}

/// Schema (op 0x03): describes how to decode messages of the channels that reference it.
public struct MCAPSchema: Sendable, Equatable {
    /// Never 0 (0 means "no schema" in a Channel).
    public var id: UInt16
    public var name: String
    /// e.g. "jsonschema", "protobuf"; "" only for schemaless use.
    public var encoding: String
    public var data: [UInt8]

    public init(id: UInt16, name: String, encoding: String, data: [UInt8]) {
        self.id = id
        self.name = name
        self.encoding = encoding
        self.data = data
    }
}

/// Channel (op 0x04): a topic with its message encoding and schema.
public struct MCAPChannel: Sendable, Equatable {
    public var id: UInt16
    /// 0 for schemaless channels.
    public var schemaID: UInt16
    public var topic: String
    /// e.g. "json", "cdr", "protobuf".
    public var messageEncoding: String
    public var metadata: [String: String]

    public init(id: UInt16, schemaID: UInt16, topic: String, messageEncoding: String, metadata: [String: String]) {
        self.id = id
        self.schemaID = schemaID
        self.topic = topic
        self.messageEncoding = messageEncoding
        self.metadata = metadata
    }
}

/// Message (op 0x05): one timestamped payload on a channel. The payload is the rest of the record, so a Message
/// can never carry trailing extension bytes.
public struct MCAPMessage: Sendable, Equatable {
    public var channelID: UInt16
    public var sequence: UInt32
    /// Nanoseconds; Takt uses GPS time here.
    public var logTime: UInt64
    public var publishTime: UInt64
    public var data: [UInt8]

    public init(channelID: UInt16, sequence: UInt32, logTime: UInt64, publishTime: UInt64, data: [UInt8]) {
        self.channelID = channelID
        self.sequence = sequence
        self.logTime = logTime
        self.publishTime = publishTime
        self.data = data
    }
}

/// Data End (op 0x0F): closes the data section; its CRC lets a reader check every byte before it.
public struct MCAPDataEnd: Sendable, Equatable {
    /// CRC-32 of all bytes from the start of the file up to this record; 0 = not computed.
    public var dataSectionCRC: UInt32

    public init(dataSectionCRC: UInt32) { self.dataSectionCRC = dataSectionCRC }
}
