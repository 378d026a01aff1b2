/// UBX-NAV-SOL (0x01 0x06): the ECEF navigation solution of u-blox 5–8 receivers not configured for NAV-PVT
/// (timing receivers such as the M8T often are). Deprecated by u-blox but common in the field.
public struct UBXNavSol: Hashable, Sendable, Codable {
    public var iTOWMilliseconds: UInt32
    public var fTOWNanoseconds: Int32
    public var week: Int16
    /// 0 no fix, 1 DR, 2 2D, 3 3D, 4 GNSS+DR, 5 time only.
    public var gpsFix: UInt8
    /// Bit 0 gpsFixOK, 1 diffSoln, 2 weekValid (WKNSET), 3 towValid (TOWSET).
    public var flags: UInt8
    public var ecefXCentimeters: Int32
    public var ecefYCentimeters: Int32
    public var ecefZCentimeters: Int32
    public var positionAccuracyCentimeters: UInt32
    public var pDOP: UInt16
    public var numSV: UInt8

    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x01, 0x06, length: 52)
        let r = UBXPayloadReader(bytes: p)
        iTOWMilliseconds = r.u4(0)
        fTOWNanoseconds = r.i4(4)
        week = r.i2(8)
        gpsFix = r.u1(10)
        flags = r.u1(11)
        ecefXCentimeters = r.i4(12)
        ecefYCentimeters = r.i4(16)
        ecefZCentimeters = r.i4(20)
        positionAccuracyCentimeters = r.u4(24)
        pDOP = r.u2(44)
        numSV = r.u1(47)
    }
}
