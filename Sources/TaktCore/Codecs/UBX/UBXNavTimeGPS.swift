/// UBX-NAV-TIMEGPS (0x01 0x20): GPS week and time of week of the epoch, plus the receiver's leap-second count.
public struct UBXNavTimeGPS: Hashable, Sendable, Codable {
    public var iTOWMilliseconds: UInt32
    /// Fraction of iTOW, ±500 000 ns.
    public var fTOWNanoseconds: Int32
    public var week: Int16
    /// GPS − UTC (s).
    public var leapSeconds: Int8
    /// Bit 0 towValid, 1 weekValid, 2 leapSValid.
    public var valid: UInt8
    public var timeAccuracyNanoseconds: UInt32

    public var towValid: Bool { valid & 0x01 != 0 }
    public var weekValid: Bool { valid & 0x02 != 0 }
    public var leapSecondsValid: Bool { valid & 0x04 != 0 }

    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x01, 0x20, length: 16)
        let r = UBXPayloadReader(bytes: p)
        iTOWMilliseconds = r.u4(0)
        fTOWNanoseconds = r.i4(4)
        week = r.i2(8)
        leapSeconds = r.i1(10)
        valid = r.u1(11)
        timeAccuracyNanoseconds = r.u4(12)
    }

    /// The epoch in GPS time: week, iTOW and the ns fraction; nil for an out-of-range week.
    public var gpsTime: GPSTime? {
        GPSTime.checked(
            week: Int(week),
            timeOfWeekNanoseconds: Int64(iTOWMilliseconds) * 1_000_000 + Int64(fTOWNanoseconds)
        )
    }
}
