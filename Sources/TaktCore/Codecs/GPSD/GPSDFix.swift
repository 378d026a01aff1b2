/// A gpsd `TPV` report: the receiver's fix at one epoch.
///
/// gpsd 3.22 prints TPV time rounded to milliseconds, so `timeUnixUTCNanoseconds` is a multiple of 1 ms; precise time
/// comes from PPS/TOFF instead. Position uncertainties are gpsd's "95 % maybe" estimates, in metres.
public struct GPSDFix: Hashable, Sendable, Codable {
    /// The receiver device path gpsd read this from, if known.
    public var device: String?
    /// UTC of the fix as nanoseconds since the Unix epoch (ms-rounded by gpsd 3.22).
    public var timeUnixUTCNanoseconds: Int64?
    /// GPS − UTC in seconds, when gpsd reported it with this fix.
    public var leapSeconds: Int?
    public var mode: GPSDFixMode
    public var status: GPSDFixStatus?
    /// WGS-84 degrees.
    public var latitude: Double?
    public var longitude: Double?
    /// Height above the ellipsoid, metres.
    public var altitudeHAE: Double?
    /// Height above mean sea level, metres.
    public var altitudeMSL: Double?
    /// Speed over ground, m/s.
    public var speed: Double?
    /// Course over ground relative to true north, degrees.
    public var track: Double?
    /// Vertical speed, m/s.
    public var climb: Double?
    /// Horizontal position error estimate, metres.
    public var eph: Double?
    /// Vertical position error estimate, metres.
    public var epv: Double?
    /// Time error estimate, seconds.
    public var ept: Double?

    public init(
        device: String? = nil, timeUnixUTCNanoseconds: Int64? = nil, leapSeconds: Int? = nil,
        mode: GPSDFixMode, status: GPSDFixStatus? = nil, latitude: Double? = nil, longitude: Double? = nil,
        altitudeHAE: Double? = nil, altitudeMSL: Double? = nil, speed: Double? = nil, track: Double? = nil,
        climb: Double? = nil, eph: Double? = nil, epv: Double? = nil, ept: Double? = nil
    ) {
        self.device = device
        self.timeUnixUTCNanoseconds = timeUnixUTCNanoseconds
        self.leapSeconds = leapSeconds
        self.mode = mode
        self.status = status
        self.latitude = latitude
        self.longitude = longitude
        self.altitudeHAE = altitudeHAE
        self.altitudeMSL = altitudeMSL
        self.speed = speed
        self.track = track
        self.climb = climb
        self.eph = eph
        self.epv = epv
        self.ept = ept
    }

    /// The fix time on the GPS timescale, using the leap seconds gpsd reported or, failing that, `fallbackLeapSeconds`
    /// (the time-sync model's current value). `nil` when the fix carries no time.
    public func gpsTime(fallbackLeapSeconds: Int = GPSTime.defaultLeapSeconds) -> GPSTime? {
        guard let utc = timeUnixUTCNanoseconds else { return nil }
        return GPSTime(unixUTCNanoseconds: utc, leapSeconds: leapSeconds ?? fallbackLeapSeconds)
    }
}

/// gpsd's fix mode (`gps_fix_t.mode`): how many dimensions the fix has.
public enum GPSDFixMode: Int, Hashable, Sendable, Codable {
    case notSeen = 0
    case noFix = 1
    case twoD = 2
    case threeD = 3
}

/// gpsd's fix status (`gps_fix_t.status`): what kind of solution the receiver reports.
public enum GPSDFixStatus: Int, Hashable, Sendable, Codable {
    case noFix = 0
    case gps = 1
    case dgps = 2
    case rtkFixed = 3
    case rtkFloat = 4
    case deadReckoning = 5
    case gnssDeadReckoning = 6
    case timeOnly = 7
    case simulated = 8
    case pyPrecise = 9
}
