/// UBX-NAV-PVT (0x01 0x07): the navigation solution in one message, the epoch source on u-blox 8 and later.
public struct UBXNavPVT: Hashable, Sendable, Codable {
    /// GPS time of week of the navigation epoch (ms).
    public var iTOWMilliseconds: UInt32
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Bit 0 validDate, 1 validTime, 2 fullyResolved, 3 validMag.
    public var valid: UInt8
    public var timeAccuracyNanoseconds: UInt32
    /// Fraction of the UTC second, −1e9…1e9 ns (may be negative: the fields above are then rounded up).
    public var nanoseconds: Int32
    /// 0 no fix, 1 dead reckoning, 2 2D, 3 3D, 4 GNSS+DR, 5 time only.
    public var fixType: UInt8
    /// Bit 0 gnssFixOK, 1 diffSoln, 6–7 carrSoln (0 none, 1 float, 2 fixed).
    public var flags: UInt8
    public var flags2: UInt8
    public var numSV: UInt8
    /// Degrees (the payload carries 1e-7 degree integers).
    public var longitude: Double
    public var latitude: Double
    public var heightHAEMillimeters: Int32
    public var heightMSLMillimeters: Int32
    public var horizontalAccuracyMillimeters: UInt32
    public var verticalAccuracyMillimeters: UInt32
    public var velocityNorthMillimetersPerSecond: Int32
    public var velocityEastMillimetersPerSecond: Int32
    public var velocityDownMillimetersPerSecond: Int32
    public var groundSpeedMillimetersPerSecond: Int32
    /// Heading of motion, 1e-5 degree units.
    public var headingOfMotion: Int32
    public var speedAccuracyMillimetersPerSecond: UInt32
    public var headingAccuracy: UInt32
    /// Position DOP × 100.
    public var pDOP: UInt16
    /// Bit 0 invalidLlh (protocol 27+): lat/lon/height are not valid even with a fix.
    public var flags3: UInt16

    public var validDate: Bool { valid & 0x01 != 0 }
    public var validTime: Bool { valid & 0x02 != 0 }
    public var gnssFixOK: Bool { flags & 0x01 != 0 }

    /// u-blox 7 (protocol 14) sends 84 bytes, u-blox 8 and later 92; both decode, the tail is ignored.
    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x01, 0x07, atLeast: 84)
        let r = UBXPayloadReader(bytes: p)
        iTOWMilliseconds = r.u4(0)
        year = Int(r.u2(4))
        month = Int(r.u1(6))
        day = Int(r.u1(7))
        hour = Int(r.u1(8))
        minute = Int(r.u1(9))
        second = Int(r.u1(10))
        valid = r.u1(11)
        timeAccuracyNanoseconds = r.u4(12)
        nanoseconds = r.i4(16)
        fixType = r.u1(20)
        flags = r.u1(21)
        flags2 = r.u1(22)
        numSV = r.u1(23)
        longitude = Double(r.i4(24)) * 1e-7
        latitude = Double(r.i4(28)) * 1e-7
        heightHAEMillimeters = r.i4(32)
        heightMSLMillimeters = r.i4(36)
        horizontalAccuracyMillimeters = r.u4(40)
        verticalAccuracyMillimeters = r.u4(44)
        velocityNorthMillimetersPerSecond = r.i4(48)
        velocityEastMillimetersPerSecond = r.i4(52)
        velocityDownMillimetersPerSecond = r.i4(56)
        groundSpeedMillimetersPerSecond = r.i4(60)
        headingOfMotion = r.i4(64)
        speedAccuracyMillimetersPerSecond = r.u4(68)
        headingAccuracy = r.u4(72)
        pDOP = r.u2(76)
        flags3 = p.count >= 92 ? r.u2(78) : 0
    }
}
