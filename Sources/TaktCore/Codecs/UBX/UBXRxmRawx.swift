/// UBX-RXM-RAWX (0x02 0x15): raw pseudorange, carrier phase and Doppler per signal, the PPK input.
public struct UBXRxmRawx: Hashable, Sendable, Codable {
    public struct Measurement: Hashable, Sendable, Codable {
        public var pseudorangeMeters: Double
        public var carrierPhaseCycles: Double
        public var dopplerHertz: Float
        public var gnssID: UInt8
        public var svID: UInt8
        public var sigID: UInt8
        public var freqID: UInt8
        public var lockTimeMilliseconds: UInt16
        public var cno: UInt8
        public var pseudorangeStdDev: UInt8
        public var carrierPhaseStdDev: UInt8
        public var dopplerStdDev: UInt8
        /// Bit 0 prValid, 1 cpValid, 2 halfCyc, 3 subHalfCyc.
        public var trackingStatus: UInt8
    }

    /// Receiver time of week (s, GPS).
    public var receiverTimeOfWeekSeconds: Double
    public var week: UInt16
    public var leapSeconds: Int8
    /// Bit 0 leapSec valid, 1 clkReset.
    public var receiverStatus: UInt8
    public var version: UInt8
    public var measurements: [Measurement]

    /// Length must be 16 + 32·numMeas.
    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x02, 0x15, atLeast: 16)
        let r = UBXPayloadReader(bytes: p)
        let n = Int(r.u1(11))
        guard p.count == 16 + 32 * n else {
            throw .badBlockCount(messageClass: 0x02, id: 0x15, count: n, payloadLength: p.count)
        }
        receiverTimeOfWeekSeconds = r.r8(0)
        week = r.u2(8)
        leapSeconds = r.i1(10)
        receiverStatus = r.u1(12)
        version = r.u1(13)
        measurements = (0..<n).map { i in
            let o = 16 + 32 * i
            return Measurement(
                pseudorangeMeters: r.r8(o), carrierPhaseCycles: r.r8(o + 8), dopplerHertz: r.r4(o + 16),
                gnssID: r.u1(o + 20), svID: r.u1(o + 21), sigID: r.u1(o + 22), freqID: r.u1(o + 23),
                lockTimeMilliseconds: r.u2(o + 24), cno: r.u1(o + 26), pseudorangeStdDev: r.u1(o + 27) & 0x0F,
                carrierPhaseStdDev: r.u1(o + 28) & 0x0F, dopplerStdDev: r.u1(o + 29) & 0x0F,
                trackingStatus: r.u1(o + 30)
            )
        }
    }
}
