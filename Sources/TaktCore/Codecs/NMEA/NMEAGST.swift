/// GST: pseudorange error statistics of the associated GGA fix (1-σ, metres).
public struct NMEAGST: Hashable, Sendable, Codable {
    public var talker: String
    public var utcTimeOfDayNanoseconds: Int64?
    public var rmsMeters: Double?
    public var semiMajorMeters: Double?
    public var semiMinorMeters: Double?
    public var orientationDegrees: Double?
    public var latitudeSigmaMeters: Double?
    public var longitudeSigmaMeters: Double?
    public var altitudeSigmaMeters: Double?

    public init(talker: String, fields f: [String]) {
        self.talker = talker
        utcTimeOfDayNanoseconds = NMEAField.timeOfDay(f[field: 0])
        rmsMeters = NMEAField.double(f[field: 1])
        semiMajorMeters = NMEAField.double(f[field: 2])
        semiMinorMeters = NMEAField.double(f[field: 3])
        orientationDegrees = NMEAField.double(f[field: 4])
        latitudeSigmaMeters = NMEAField.double(f[field: 5])
        longitudeSigmaMeters = NMEAField.double(f[field: 6])
        altitudeSigmaMeters = NMEAField.double(f[field: 7])
    }
}
