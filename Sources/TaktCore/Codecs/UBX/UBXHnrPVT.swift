/// UBX-HNR-PVT (0x28 0x00): high-rate (up to 30 Hz) fused navigation output of ADR/UDR receivers.
public struct UBXHnrPVT: Hashable, Sendable, Codable {
    public var iTOWMilliseconds: UInt32
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Bit 0 validDate, 1 validTime, 2 fullyResolved.
    public var valid: UInt8
    public var nanoseconds: Int32
    public var gpsFix: UInt8
    public var flags: UInt8
    public var longitude: Double
    public var latitude: Double
    public var heightHAEMillimeters: Int32
    public var heightMSLMillimeters: Int32
    public var groundSpeedMillimetersPerSecond: Int32
    public var speedMillimetersPerSecond: Int32
    /// 1e-5 degree units.
    public var headingOfMotion: Int32
    public var headingOfVehicle: Int32
    public var horizontalAccuracyMillimeters: UInt32
    public var verticalAccuracyMillimeters: UInt32
    public var speedAccuracyMillimetersPerSecond: UInt32
    public var headingAccuracy: UInt32

    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x28, 0x00, length: 72)
        let r = UBXPayloadReader(bytes: p)
        iTOWMilliseconds = r.u4(0)
        year = Int(r.u2(4))
        month = Int(r.u1(6))
        day = Int(r.u1(7))
        hour = Int(r.u1(8))
        minute = Int(r.u1(9))
        second = Int(r.u1(10))
        valid = r.u1(11)
        nanoseconds = r.i4(12)
        gpsFix = r.u1(16)
        flags = r.u1(17)
        longitude = Double(r.i4(20)) * 1e-7
        latitude = Double(r.i4(24)) * 1e-7
        heightHAEMillimeters = r.i4(28)
        heightMSLMillimeters = r.i4(32)
        groundSpeedMillimetersPerSecond = r.i4(36)
        speedMillimetersPerSecond = r.i4(40)
        headingOfMotion = r.i4(44)
        headingOfVehicle = r.i4(48)
        horizontalAccuracyMillimeters = r.u4(52)
        verticalAccuracyMillimeters = r.u4(56)
        speedAccuracyMillimetersPerSecond = r.u4(60)
        headingAccuracy = r.u4(64)
    }
}
