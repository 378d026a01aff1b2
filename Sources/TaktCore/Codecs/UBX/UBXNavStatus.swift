/// UBX-NAV-STATUS (0x01 0x03): fix type and flags of the epoch (legacy message set).
public struct UBXNavStatus: Hashable, Sendable, Codable {
    public var iTOWMilliseconds: UInt32
    public var gpsFix: UInt8
    /// Bit 0 gpsFixOk, 1 diffSoln, 2 wknSet, 3 towSet.
    public var flags: UInt8

    public init(payload p: [UInt8]) throws(UBXDecodeError) {
        try UBXMessage.require(p, 0x01, 0x03, length: 16)
        let r = UBXPayloadReader(bytes: p)
        iTOWMilliseconds = r.u4(0)
        gpsFix = r.u1(4)
        flags = r.u1(5)
    }
}
