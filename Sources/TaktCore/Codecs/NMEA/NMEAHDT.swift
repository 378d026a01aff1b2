/// HDT: true heading (dual-antenna receivers, gyro compasses).
public struct NMEAHDT: Hashable, Sendable, Codable {
    public var talker: String
    public var headingTrueDegrees: Double?

    public init(talker: String, fields f: [String]) {
        self.talker = talker
        headingTrueDegrees = NMEAField.double(f[field: 0])
    }
}
