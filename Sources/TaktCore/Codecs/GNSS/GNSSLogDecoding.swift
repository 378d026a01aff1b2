/// Decodes a whole recorded log in one call: the shared path of `takt decode`, the gpsd conformance test and the
/// fuzz harness. Comment lines are recognised as gpsfake does.
public enum GNSSLogDecoding {
    public struct Result: Sendable {
        public var records: [GNSSRecord]
        public var frames: [GNSSFrame]
        public var counters: GNSSDecoderCounters
    }

    /// - Parameter chunkSize: feed the decoder this many bytes at a time (tests use it to prove chunking-independence).
    public static func decode(_ bytes: [UInt8], chunkSize: Int = 65_536, keepFrames: Bool = false) -> Result {
        var decoder = GNSSStreamDecoder(gpsfakeComments: true)
        var assembler = GNSSEpochAssembler()
        var records: [GNSSRecord] = []
        var frames: [GNSSFrame] = []
        var offset = 0
        let step = max(1, chunkSize)
        repeat {
            let end = min(bytes.count, offset + step)
            decoder.append(bytes[offset..<end])
            offset = end
            if offset == bytes.count { decoder.finish() }
            while let frame = decoder.next() {
                if keepFrames { frames.append(frame) }
                records += assembler.handle(frame)
            }
        } while offset < bytes.count
        records += assembler.finish()
        return Result(records: records, frames: frames, counters: decoder.counters)
    }
}
