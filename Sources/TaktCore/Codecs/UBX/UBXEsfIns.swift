/// UBX-ESF-INS (0x10 0x15): compensated vehicle dynamics (angular rate, acceleration) at the nav epoch.
public struct UBXEsfIns: Hashable, Sendable, Codable {
    /// Bits 0–7 version, 8–10 x/y/z angular-rate valid, 11–13 x/y/z acceleration valid.
    public var bitfield0: UInt32
    public var iTOWMilliseconds: UInt32
    /// deg/s.
    public var angularRateX: Double
    public var angularRateY: Double
    public var angularRateZ: Double
    /// m/s².
    public var accelerationX: Double
    public var accelerationY: Double
    public var accelerationZ: Double

    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x10, 0x15, length: 36)
        let r = UBXPayloadReader(bytes: p)
        bitfield0 = r.u4(0)
        iTOWMilliseconds = r.u4(8)
        angularRateX = Double(r.i4(12)) * 1e-3
        angularRateY = Double(r.i4(16)) * 1e-3
        angularRateZ = Double(r.i4(20)) * 1e-3
        accelerationX = Double(r.i4(24)) * 1e-2
        accelerationY = Double(r.i4(28)) * 1e-2
        accelerationZ = Double(r.i4(32)) * 1e-2
    }
}
