import TaktCore

/// A realistic Takt timeline written with `MCAPWriter.Options.takt`: JSON channels with jsonschema schemas at
/// mixed rates (IMU 200 Hz, LiDAR packet refs 50 Hz, GNSS 10 Hz, camera triggers 1 Hz, a schemaless status
/// channel), chunks closed by the owner every second of log time, a rig attachment, metadata, and output drained
/// at irregular points as the recorder would.
struct TaktLikeRecording {
    struct WrittenMessage: Equatable {
        let topic: String
        let sequence: UInt32
        let logTime: UInt64
    }

    let bytes: [UInt8]
    let messages: [WrittenMessage]
    /// Messages per chunk, in file order.
    let chunkMessageCounts: [Int]
    /// Messages on channels that have a jsonschema.
    let schemaMessageCount: Int

    static let start: UInt64 = 1_400_000_000_000_000_000

    static func make(seconds: Int = 8, seed: UInt64 = 42) -> TaktLikeRecording {
        var rng = SeededRandom(seed: seed)
        var writer = MCAPWriter(options: .takt)
        var file: [UInt8] = []
        writer.start(profile: "takt", library: "takt-core tests")
        writer.addMetadata(name: "segment", metadata: ["rig": "sim-01", "segment": "0001", "timebase": "gps"])
        let number = #"{"type":"number"}"#
        let integer = #"{"type":"integer"}"#
        func schema(_ name: String, _ fields: [(String, String)]) -> [UInt8] {
            let props = fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",")
            let required = fields.map { "\"\($0.0)\"" }.joined(separator: ",")
            return Array(
                #"{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"\#(name)","type":"object","properties":{\#(props)},"required":[\#(required)],"additionalProperties":false}"#
                    .utf8)
        }
        let fixSchema = writer.registerSchema(
            name: "takt.GNSSFix", encoding: "jsonschema",
            data: schema("takt.GNSSFix", [("lat", number), ("lon", number), ("height", number), ("fix", integer)]))
        let imuSchema = writer.registerSchema(
            name: "takt.IMUSample", encoding: "jsonschema",
            data: schema("takt.IMUSample", [("ax", number), ("ay", number), ("az", number), ("gz", number)]))
        let lidarSchema = writer.registerSchema(
            name: "takt.LidarPacketRef", encoding: "jsonschema",
            data: schema("takt.LidarPacketRef", [("pcapOffset", integer), ("length", integer)]))
        let triggerSchema = writer.registerSchema(
            name: "takt.TriggerEvent", encoding: "jsonschema",
            data: schema("takt.TriggerEvent", [("frame", integer), ("exposureNs", integer)]))
        let channels: [(topic: String, id: UInt16, periodNs: UInt64, hasSchema: Bool)] = [
            ("/imu", writer.registerChannel(topic: "/imu", messageEncoding: "json", schemaID: imuSchema, metadata: ["rateHz": "200"]), 5_000_000, true),
            ("/lidar/packets", writer.registerChannel(topic: "/lidar/packets", messageEncoding: "json", schemaID: lidarSchema, metadata: [:]), 20_000_000, true),
            ("/gnss/fix", writer.registerChannel(topic: "/gnss/fix", messageEncoding: "json", schemaID: fixSchema, metadata: ["device": "/dev/ttyACM0"]), 100_000_000, true),
            ("/camera/trigger", writer.registerChannel(topic: "/camera/trigger", messageEncoding: "json", schemaID: triggerSchema, metadata: [:]), 1_000_000_000, true),
            ("/takt/status", writer.registerChannel(topic: "/takt/status", messageEncoding: "json", schemaID: 0, metadata: [:]), 2_000_000_000, false),
        ]
        // Every (time, channel) event in time order.
        var events: [(time: UInt64, channel: Int)] = []
        for (index, channel) in channels.enumerated() {
            var t: UInt64 = 0
            while t < UInt64(seconds) * 1_000_000_000 {
                events.append((start + t + UInt64(index) * 1000, index))
                t += channel.periodNs
            }
        }
        events.sort { $0.time < $1.time }
        var sequences = [UInt32](repeating: 0, count: channels.count)
        var written: [WrittenMessage] = []
        var chunkCounts: [Int] = []
        var inChunk = 0
        var chunks: UInt32 = 0
        var schemaMessages = 0
        func noteChunks(_ writer: MCAPWriter) {
            if writer.currentStatistics.chunkCount != chunks {
                chunks = writer.currentStatistics.chunkCount
                chunkCounts.append(inChunk)
                inChunk = 0
            }
        }
        for (n, event) in events.enumerated() {
            if let open = writer.openChunkStartLogTime, event.time - open >= 1_000_000_000 {
                writer.closeChunk()
                noteChunks(writer)
            }
            let channel = channels[event.channel]
            let seq = sequences[event.channel]
            sequences[event.channel] += 1
            let x = Double(Int.random(in: -100_000...100_000, using: &rng)) / 1000
            let payload: String
            switch channel.topic {
            case "/imu": payload = #"{"ax":\#(x),"ay":0.01,"az":9.81,"gz":\#(-x / 10)}"#
            case "/lidar/packets": payload = #"{"pcapOffset":\#(Int(seq) * 1290),"length":1248}"#
            case "/gnss/fix": payload = #"{"lat":48.1\#(seq),"lon":11.5,"height":\#(520 + x / 100),"fix":4}"#
            case "/camera/trigger": payload = #"{"frame":\#(seq),"exposureNs":\#(event.time + 1234)}"#
            default: payload = #"{"state":"recording","n":\#(n)}"#
            }
            writer.addMessage(
                channelID: channel.id, sequence: seq, logTime: event.time, publishTime: event.time,
                data: Array(payload.utf8))
            inChunk += 1
            noteChunks(writer)
            written.append(WrittenMessage(topic: channel.topic, sequence: seq, logTime: event.time))
            if channel.hasSchema { schemaMessages += 1 }
            if n == events.count / 3 {
                writer.addAttachment(
                    logTime: event.time, createTime: event.time, name: "rig.json5", mediaType: "application/json5",
                    data: Array(#"{ rigId: "sim-01", sensors: [ /* gnss, imu, lidar, camera */ ], }"#.utf8))
            }
            if Int.random(in: 0..<50, using: &rng) == 0 { file.append(contentsOf: writer.takeOutput()) }
        }
        writer.addMetadata(name: "segment-close", metadata: ["messages": "\(written.count)"])
        writer.finish()
        if inChunk > 0 { chunkCounts.append(inChunk) }
        file.append(contentsOf: writer.takeOutput())
        return TaktLikeRecording(
            bytes: file, messages: written, chunkMessageCounts: chunkCounts, schemaMessageCount: schemaMessages)
    }
}
