/// GLL: position and time of day. Some receivers (and logs in the gpsd corpus) report position only here.
public struct NMEAGLL: Hashable, Sendable, Codable {
    public var talker: String
    public var latitude: Double?
    public var longitude: Double?
    public var utcTimeOfDayNanoseconds: Int64?
    /// `A` valid, `V` invalid.
    public var status: String
    public var faaMode: String?

    public var isValid: Bool { status == "A" && faaMode != "N" }

    public init(talker: String, fields f: [String]) {
        self.talker = talker
        latitude = NMEAField.coordinate(f[field: 0], f[field: 1])
        longitude = NMEAField.coordinate(f[field: 2], f[field: 3])
        utcTimeOfDayNanoseconds = NMEAField.timeOfDay(f[field: 4])
        status = f[field: 5]
        faaMode = f[field: 6].isEmpty ? nil : f[field: 6]
    }
}
