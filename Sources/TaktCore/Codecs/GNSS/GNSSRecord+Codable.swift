/// Flat JSON for records: a `kind` key next to the payload's own keys, so one JSON line per record reads naturally
/// (`{"kind":"epoch","time":"…","latitude":…}`) instead of Swift's nested enum encoding.
extension GNSSRecord: Codable {
    private enum Key: String, CodingKey { case kind }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .epoch(let e), .highRateEpoch(let e): try e.encode(to: encoder)
        case .timePulse(let t): try t.encode(to: encoder)
        case .timeMark(let t): try t.encode(to: encoder)
        case .imu(let s): try s.encode(to: encoder)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "epoch": self = .epoch(try GNSSEpoch(from: decoder))
        case "highRateEpoch": self = .highRateEpoch(try GNSSEpoch(from: decoder))
        case "timePulse": self = .timePulse(try GNSSTimePulse(from: decoder))
        case "timeMark": self = .timeMark(try GNSSTimeMark(from: decoder))
        case "imu": self = .imu(try GNSSIMUSample(from: decoder))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown kind \(other)")
        }
    }
}
