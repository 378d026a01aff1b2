/// A gpsd `SKY` report reduced to satellite counts and dilution of precision, which the status display and the
/// recording's quality flags need; per-satellite detail stays in the raw receiver log.
public struct GPSDSky: Hashable, Sendable, Codable {
    public var device: String?
    /// UTC of the sky view as Unix-epoch nanoseconds, if reported.
    public var timeUnixUTCNanoseconds: Int64?
    public var satellitesUsed: Int
    public var satellitesVisible: Int
    public var hdop: Double?
    public var vdop: Double?
    public var pdop: Double?
    public var tdop: Double?
    public var gdop: Double?

    public init(
        device: String? = nil, timeUnixUTCNanoseconds: Int64? = nil, satellitesUsed: Int, satellitesVisible: Int,
        hdop: Double? = nil, vdop: Double? = nil, pdop: Double? = nil, tdop: Double? = nil, gdop: Double? = nil
    ) {
        self.device = device
        self.timeUnixUTCNanoseconds = timeUnixUTCNanoseconds
        self.satellitesUsed = satellitesUsed
        self.satellitesVisible = satellitesVisible
        self.hdop = hdop
        self.vdop = vdop
        self.pdop = pdop
        self.tdop = tdop
        self.gdop = gdop
    }
}
