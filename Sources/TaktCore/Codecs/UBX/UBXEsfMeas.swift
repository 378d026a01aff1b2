/// UBX-ESF-MEAS (0x10 0x02): sensor measurements (IMU or wheel ticks) sharing one time tag.
public struct UBXEsfMeas: Hashable, Sendable, Codable {
    /// Sensor time tag (ms, receiver-local).
    public var timeTag: UInt32
    /// Bits 0–1 timeMarkSent, 2 timeMarkEdge, 3 calibTtagValid, 11–15 numMeas.
    public var flags: UInt16
    public var providerID: UInt16
    public var data: [UBXEsfData]
    /// Calibrated receiver time tag (ms), present only when calibTtagValid.
    public var calibratedTimeTag: UInt32?

    public var numMeas: Int { Int(flags >> 11) & 0x1F }

    /// Length must be 8 + 4·numMeas, plus 4 when the calibrated time tag is appended.
    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x10, 0x02, atLeast: 8)
        let r = UBXPayloadReader(bytes: p)
        timeTag = r.u4(0)
        flags = r.u2(4)
        providerID = r.u2(6)
        let n = Int(flags >> 11) & 0x1F
        let base = 8 + 4 * n
        guard p.count == base || p.count == base + 4 else {
            throw .badBlockCount(messageClass: 0x10, id: 0x02, count: n, payloadLength: p.count)
        }
        data = (0..<n).map { UBXEsfData(word: r.u4(8 + 4 * $0), typeMask: 0x3F) }
        calibratedTimeTag = p.count == base + 4 && flags & 0x08 != 0 ? r.u4(base) : nil
    }
}
