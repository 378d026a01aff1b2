/// UBX-TIM-TM2 (0x0D 0x03): time mark on an EXTINT pin (camera strobe, trigger loop-back), rising and falling edge.
public struct UBXTimTM2: Hashable, Sendable, Codable {
    public var channel: UInt8
    /// Bit 0 mode, 1 run, 2 newFallingEdge, 3–4 timeBase (0 receiver, 1 GNSS, 2 UTC), 5 utc, 6 time valid,
    /// 7 newRisingEdge.
    public var flags: UInt8
    /// Rising-edge counter (wraps).
    public var count: UInt16
    public var weekRising: UInt16
    public var weekFalling: UInt16
    public var towRisingMilliseconds: UInt32
    public var towSubRisingNanoseconds: UInt32
    public var towFallingMilliseconds: UInt32
    public var towSubFallingNanoseconds: UInt32
    public var accuracyEstimateNanoseconds: UInt32

    public var newRisingEdge: Bool { flags & 0x80 != 0 }
    public var newFallingEdge: Bool { flags & 0x04 != 0 }
    public var timeValid: Bool { flags & 0x40 != 0 }
    /// 0 receiver time, 1 GNSS time, 2 UTC.
    public var timeBase: UInt8 { (flags >> 3) & 0x03 }

    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x0D, 0x03, length: 28)
        let r = UBXPayloadReader(bytes: p)
        channel = r.u1(0)
        flags = r.u1(1)
        count = r.u2(2)
        weekRising = r.u2(4)
        weekFalling = r.u2(6)
        towRisingMilliseconds = r.u4(8)
        towSubRisingNanoseconds = r.u4(12)
        towFallingMilliseconds = r.u4(16)
        towSubFallingNanoseconds = r.u4(20)
        accuracyEstimateNanoseconds = r.u4(24)
    }

    /// Rising-edge time; nil for an out-of-range week.
    public var risingEdge: GPSTime? {
        GPSTime.checked(
            week: Int(weekRising),
            timeOfWeekNanoseconds: Int64(towRisingMilliseconds) * 1_000_000 + Int64(towSubRisingNanoseconds)
        )
    }

    /// Falling-edge time; nil for an out-of-range week.
    public var fallingEdge: GPSTime? {
        GPSTime.checked(
            week: Int(weekFalling),
            timeOfWeekNanoseconds: Int64(towFallingMilliseconds) * 1_000_000 + Int64(towSubFallingNanoseconds)
        )
    }
}
