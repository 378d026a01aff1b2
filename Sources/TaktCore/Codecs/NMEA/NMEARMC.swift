/// RMC: recommended minimum (time, validity, position, speed, track, two-digit-year date).
public struct NMEARMC: Hashable, Sendable, Codable {
    public var talker: String
    public var utcTimeOfDayNanoseconds: Int64?
    /// `A` valid, `V` warning.
    public var status: String
    public var latitude: Double?
    public var longitude: Double?
    public var speedKnots: Double?
    public var trackTrueDegrees: Double?
    public var date: NMEADate?
    public var magneticVariationDegrees: Double?
    /// FAA mode indicator (NMEA 2.3+): A autonomous, D differential, E estimated, N not valid, ...
    public var faaMode: String?

    public var isValid: Bool { status == "A" }

    public init(talker: String, fields f: [String]) {
        self.talker = talker
        utcTimeOfDayNanoseconds = NMEAField.timeOfDay(f[field: 0])
        status = f[field: 1]
        latitude = NMEAField.coordinate(f[field: 2], f[field: 3])
        longitude = NMEAField.coordinate(f[field: 4], f[field: 5])
        speedKnots = NMEAField.double(f[field: 6])
        trackTrueDegrees = NMEAField.double(f[field: 7])
        date = NMEAField.dateDDMMYY(f[field: 8]).flatMap { $0.isValid ? $0 : nil }
        if let v = NMEAField.double(f[field: 9]) {
            magneticVariationDegrees = f[field: 10] == "W" ? -v : v
        }
        faaMode = f[field: 11].isEmpty ? nil : f[field: 11]
    }
}
