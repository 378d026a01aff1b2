/// GNS: the multi-constellation successor of GGA (mode letters per system instead of one quality digit).
public struct NMEAGNS: Hashable, Sendable, Codable {
    public var talker: String
    public var utcTimeOfDayNanoseconds: Int64?
    public var latitude: Double?
    public var longitude: Double?
    /// One letter per constellation: N no fix, A autonomous, D differential, R RTK fixed, F RTK float, E DR, ...
    public var modeIndicator: String
    public var satellitesUsed: Int?
    public var hdop: Double?
    public var altitudeMSLMeters: Double?
    public var geoidSeparationMeters: Double?

    /// True when at least one constellation has a fix.
    public var hasFix: Bool { modeIndicator.contains { $0 != "N" && $0 != "V" } }

    public init(talker: String, fields f: [String]) {
        self.talker = talker
        utcTimeOfDayNanoseconds = NMEAField.timeOfDay(f[field: 0])
        latitude = NMEAField.coordinate(f[field: 1], f[field: 2])
        longitude = NMEAField.coordinate(f[field: 3], f[field: 4])
        modeIndicator = f[field: 5]
        satellitesUsed = NMEAField.int(f[field: 6])
        hdop = NMEAField.double(f[field: 7])
        altitudeMSLMeters = NMEAField.double(f[field: 8])
        geoidSeparationMeters = NMEAField.double(f[field: 9])
    }
}
