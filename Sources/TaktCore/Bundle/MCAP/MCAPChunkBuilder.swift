/// Accumulates the records of the open chunk and the per-channel message index entries that will follow it.
/// Message indexes live in an array indexed by channel id (ids are dense, assigned 1, 2, 3...), so adding a
/// message costs no hashing.
struct MCAPChunkBuilder {
    var records: [UInt8] = []
    var messageCount = 0
    var messageStartTime: UInt64 = 0
    var messageEndTime: UInt64 = 0
    /// entries[channelID] = (log_time, offset) pairs of this chunk.
    private var entries: [[MCAPMessageIndexEntry]] = []
    /// Channel ids with at least one entry, in first-seen order.
    private var channelsInChunk: [UInt16] = []

    init(reserving capacity: Int) {
        records.reserveCapacity(capacity)
    }

    var isEmpty: Bool { records.isEmpty }

    mutating func add(schema: MCAPSchema) { schema.encode(into: &records) }

    mutating func add(channel: MCAPChannel) { channel.encode(into: &records) }

    mutating func addMessage(channelID: UInt16, sequence: UInt32, logTime: UInt64, publishTime: UInt64, data: [UInt8]) {
        if messageCount == 0 {
            messageStartTime = logTime
            messageEndTime = logTime
        } else {
            if logTime < messageStartTime { messageStartTime = logTime }
            if logTime > messageEndTime { messageEndTime = logTime }
        }
        messageCount += 1
        let index = Int(channelID)
        if index >= entries.count {
            entries.append(contentsOf: repeatElement([], count: index + 1 - entries.count))
        }
        if entries[index].isEmpty { channelsInChunk.append(channelID) }
        entries[index].append(MCAPMessageIndexEntry(logTime: logTime, offset: UInt64(records.count)))
        MCAPMessage.encode(
            channelID: channelID, sequence: sequence, logTime: logTime, publishTime: publishTime, data: data,
            into: &records)
    }

    /// The Message Index records for this chunk, sorted by channel id.
    var messageIndexes: [MCAPMessageIndex] {
        channelsInChunk.sorted().map { MCAPMessageIndex(channelID: $0, records: entries[Int($0)]) }
    }

    /// Empties the builder for the next chunk, keeping buffer capacity.
    mutating func reset() {
        records.removeAll(keepingCapacity: true)
        messageCount = 0
        messageStartTime = 0
        messageEndTime = 0
        for id in channelsInChunk { entries[Int(id)].removeAll(keepingCapacity: true) }
        channelsInChunk.removeAll(keepingCapacity: true)
    }
}
