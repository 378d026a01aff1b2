/// UBX-TIM-TP (0x0D 0x01): announces the time of the *next* timepulse (PPS) edge and its quantisation error.
public struct UBXTimTP: Hashable, Sendable, Codable {
    public var towMilliseconds: UInt32
    /// Sub-millisecond part, 2⁻³² ms units.
    public var towSubMilliseconds: UInt32
    /// Quantisation error of the coming pulse (ps).
    public var quantizationErrorPicoseconds: Int32
    public var week: UInt16
    /// Bit 0 timeBase (0 GNSS, 1 UTC), 1 utc available, 2–3 RAIM, 4 qErrInvalid.
    public var flags: UInt8
    public var refInfo: UInt8

    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x0D, 0x01, length: 16)
        let r = UBXPayloadReader(bytes: p)
        towMilliseconds = r.u4(0)
        towSubMilliseconds = r.u4(4)
        quantizationErrorPicoseconds = r.i4(8)
        week = r.u2(12)
        flags = r.u1(14)
        refInfo = r.u1(15)
    }

    /// Time of the pulse on the receiver's time base (GPS unless `flags` bit 0 says UTC), to the nanosecond;
    /// nil for an out-of-range week.
    public var pulseTime: GPSTime? {
        let sub = (Int64(towSubMilliseconds) * 1_000_000) >> 32
        return GPSTime.checked(week: Int(week), timeOfWeekNanoseconds: Int64(towMilliseconds) * 1_000_000 + sub)
    }
}
