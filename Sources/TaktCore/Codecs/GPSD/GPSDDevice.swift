/// A gpsd `DEVICE` report: a receiver was activated (opened, driver identified) or deactivated (closed or lost).
///
/// The daemon records deactivation as a gap in the GNSS stream, so a lost receiver is visible in the bundle.
public struct GPSDDevice: Hashable, Sendable, Codable {
    public var path: String
    /// gpsd's driver name (e.g. "NMEA0183", "u-blox"), empty until identified.
    public var driver: String
    /// False when gpsd reports `"activated":0`, i.e. the device went away.
    public var isActive: Bool
    /// Serial speed, if gpsd reported one.
    public var baudRate: Int?

    public init(path: String, driver: String = "", isActive: Bool, baudRate: Int? = nil) {
        self.path = path
        self.driver = driver
        self.isActive = isActive
        self.baudRate = baudRate
    }
}
