/// UBX-NAV-POSLLH (0x01 0x02): geodetic position of the epoch, the legacy companion of NAV-SOL.
public struct UBXNavPosLLH: Hashable, Sendable, Codable {
    public var iTOWMilliseconds: UInt32
    public var longitude: Double
    public var latitude: Double
    public var heightHAEMillimeters: Int32
    public var heightMSLMillimeters: Int32
    public var horizontalAccuracyMillimeters: UInt32
    public var verticalAccuracyMillimeters: UInt32

    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x01, 0x02, length: 28)
        let r = UBXPayloadReader(bytes: p)
        iTOWMilliseconds = r.u4(0)
        longitude = Double(r.i4(4)) * 1e-7
        latitude = Double(r.i4(8)) * 1e-7
        heightHAEMillimeters = r.i4(12)
        heightMSLMillimeters = r.i4(16)
        horizontalAccuracyMillimeters = r.u4(20)
        verticalAccuracyMillimeters = r.u4(24)
    }
}
