/// UBX-ESF-RAW (0x10 0x03): raw IMU samples with sensor time tags, faster than and asynchronous to the nav epoch.
public struct UBXEsfRaw: Hashable, Sendable, Codable {
    public struct Sample: Hashable, Sendable, Codable {
        public var data: UBXEsfData
        /// Sensor time tag (receiver-local, ~ms units; not GPS time).
        public var sensorTimeTag: UInt32
    }

    public var samples: [Sample]

    /// Length must be 4 + 8·N.
    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x10, 0x03, atLeast: 4)
        guard (p.count - 4) % 8 == 0 else {
            throw .badBlockCount(messageClass: 0x10, id: 0x03, count: (p.count - 4) / 8, payloadLength: p.count)
        }
        let r = UBXPayloadReader(bytes: p)
        samples = stride(from: 4, to: p.count, by: 8).map { o in
            Sample(data: UBXEsfData(word: r.u4(o), typeMask: 0xFF), sensorTimeTag: r.u4(o + 4))
        }
    }
}
