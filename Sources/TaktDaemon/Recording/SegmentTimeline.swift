import Foundation
import TaktCore
import TaktStore

/// The MCAP timeline of one open segment: registers schemas and channels on first use, numbers messages per
/// channel, and hands finished bytes to the segment's `timeline.mcap`.
struct SegmentTimeline {
    static let file = "timeline.mcap"
    private var writer = MCAPWriter(options: .takt)
    private var schemaIDs: [String: UInt16] = [:]
    private var channelIDs: [String: UInt16] = [:]
    private var sequences: [UInt16: UInt32] = [:]
    private(set) var messages = 0
    private var pendingMessages = 0
    private var firstTime: GPSTime?
    private var lastTime: GPSTime?

    init(sessionId: String, segmentIndex: Int, vehicleId: String, rigBytes: [UInt8], rigName: String, at time: TimelineTime) {
        writer.start(profile: "", library: "takt \(TaktVersion.string)")
        writer.addMetadata(
            name: "takt.segment",
            metadata: [
                "session_id": sessionId, "segment_index": String(segmentIndex), "vehicle_id": vehicleId,
                "time_base": "GPS (log_time is UTC = GPS - leap seconds)", "leap_seconds": String(time.leapSeconds),
            ])
        writer.addAttachment(
            logTime: time.logTime, createTime: time.logTime, name: rigName, mediaType: "application/json5",
            data: rigBytes)
    }

    mutating func add(topic: String, schema: TimelineSchema, time: TimelineTime, json: [UInt8]) {
        let channel: UInt16
        if let c = channelIDs[topic] {
            channel = c
        } else {
            let sid: UInt16
            if let s = schemaIDs[schema.name] {
                sid = s
            } else {
                sid = writer.registerSchema(name: schema.name, encoding: "jsonschema", data: Array(schema.jsonSchema.utf8))
                schemaIDs[schema.name] = sid
            }
            channel = writer.registerChannel(topic: topic, messageEncoding: "json", schemaID: sid, metadata: [:])
            channelIDs[topic] = channel
        }
        let seq = sequences[channel, default: 0]
        sequences[channel] = seq &+ 1
        writer.addMessage(channelID: channel, sequence: seq, logTime: time.logTime, publishTime: time.logTime, data: json)
        messages += 1
        pendingMessages += 1
        if firstTime == nil { firstTime = time.stamp.gps }
        lastTime = time.stamp.gps
    }

    /// Ends the open chunk (so a crash loses at most the last second) and writes every finished byte.
    mutating func flush(into segment: SegmentWriter) throws(StoreError) {
        writer.closeChunk()
        try drain(into: segment)
    }

    /// Writes DataEnd, summary and footer.
    mutating func finish(into segment: SegmentWriter) throws(StoreError) {
        writer.finish()
        try drain(into: segment)
    }

    private mutating func drain(into segment: SegmentWriter) throws(StoreError) {
        let out = writer.takeOutput()
        guard !out.isEmpty else { return }
        try segment.append(out, to: Self.file, records: pendingMessages, time: lastTime)
        pendingMessages = 0
    }
}
