/// GGA: the fix itself (time of day, position, quality, satellites, HDOP, MSL altitude, geoid separation).
public struct NMEAGGA: Hashable, Sendable, Codable {
    public var talker: String
    /// Nanoseconds since UTC midnight.
    public var utcTimeOfDayNanoseconds: Int64?
    public var latitude: Double?
    public var longitude: Double?
    /// 0 none, 1 GPS, 2 DGPS, 3 PPS, 4 RTK fixed, 5 RTK float, 6 dead reckoning, 7 manual, 8 simulation.
    public var quality: Int?
    public var satellitesUsed: Int?
    public var hdop: Double?
    public var altitudeMSLMeters: Double?
    /// Geoid height above the WGS-84 ellipsoid; HAE = MSL + separation.
    public var geoidSeparationMeters: Double?
    public var dgpsAgeSeconds: Double?
    public var dgpsStation: String?

    public init(talker: String, fields f: [String]) {
        self.talker = talker
        utcTimeOfDayNanoseconds = NMEAField.timeOfDay(f[field: 0])
        latitude = NMEAField.coordinate(f[field: 1], f[field: 2])
        longitude = NMEAField.coordinate(f[field: 3], f[field: 4])
        quality = NMEAField.int(f[field: 5])
        satellitesUsed = NMEAField.int(f[field: 6])
        hdop = NMEAField.double(f[field: 7])
        altitudeMSLMeters = NMEAField.double(f[field: 8])
        geoidSeparationMeters = NMEAField.double(f[field: 10])
        dgpsAgeSeconds = NMEAField.double(f[field: 12])
        dgpsStation = f[field: 13].isEmpty ? nil : f[field: 13]
    }
}
