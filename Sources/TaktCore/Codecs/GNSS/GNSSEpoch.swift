/// One navigation epoch: when, where and how good, merged from the sentences/messages of one receiver cycle.
///
/// Field names are the JSON keys of `takt decode --json` and of the MCAP timeline; keep them stable.
/// Optional fields are absent when the receiver did not report them (never zero-filled).
public struct GNSSEpoch: Hashable, Sendable, Codable {
    /// Which decoder produced the epoch.
    public enum Source: String, Hashable, Sendable, Codable {
        case nmea
        /// UBX-NAV-PVT.
        case ubxNavPVT
        /// UBX-NAV-SOL/NAV-POSLLH/NAV-STATUS (legacy u-blox message set).
        case ubxNavSol
        /// UBX-HNR-PVT (high-rate fused output).
        case ubxHnrPVT
    }

    public var source: Source
    /// ISO-8601 UTC, nanosecond digits; absent while the date is unknown (time-only GGA at start-up).
    public var time: String?
    public var utcUnixNanoseconds: Int64?
    /// UTC time of day (ns since midnight), always present for NMEA epochs that carried a time.
    public var utcTimeOfDayNanoseconds: Int64?
    public var gpsTime: GPSTime?
    /// GPS − UTC used for `gpsTime`.
    public var leapSeconds: Int?
    /// True when the receiver reported the leap seconds, false when Takt's table supplied them.
    public var leapSecondsFromReceiver: Bool?
    public var latitude: Double?
    public var longitude: Double?
    /// Height above the WGS-84 ellipsoid.
    public var altHAEMeters: Double?
    /// Height above mean sea level (geoid).
    public var altMSLMeters: Double?
    public var geoidSeparationMeters: Double?
    /// gpsd's convention: 0 unknown, 1 no fix, 2 2D, 3 3D.
    public var mode: Int
    /// GGA quality / u-blox fix type / carrier solution, as reported.
    public var fixQuality: Int?
    public var speedMetersPerSecond: Double?
    public var trackDegrees: Double?
    public var headingDegrees: Double?
    public var horizontalAccuracyMeters: Double?
    public var verticalAccuracyMeters: Double?
    public var timeAccuracyNanoseconds: Int64?
    public var latitudeSigmaMeters: Double?
    public var longitudeSigmaMeters: Double?
    public var altitudeSigmaMeters: Double?
    public var satellitesUsed: Int?
    public var hdop: Double?
    public var pdop: Double?

    public init(source: Source, mode: Int = 0) {
        self.source = source
        self.mode = mode
    }

    /// Sets UTC and the derived GPS time. `leapSeconds` nil means "look it up in the table".
    public mutating func setUTC(unixNanoseconds ns: Int64, leapSeconds receiverLeap: Int?) {
        utcUnixNanoseconds = ns
        utcTimeOfDayNanoseconds = ns.floorMod(86_400 * 1_000_000_000)
        time = CivilCalendar.iso8601(unixNanoseconds: ns)
        let leap = receiverLeap ?? GPSLeapSeconds.at(unixUTCNanoseconds: ns)
        leapSeconds = leap
        leapSecondsFromReceiver = receiverLeap != nil
        gpsTime = GPSTime(unixUTCNanoseconds: ns, leapSeconds: leap)
    }
}
