/// A gpsd `ATT` report (compass/AHRS devices): orientation in degrees, as libgps 3.22 carries it in the union of
/// `gps_data_t`. u-blox IMU data is not available through gpsd 3.22 and is read as UBX instead.
public struct GPSDAttitude: Hashable, Sendable, Codable {
    public var device: String?
    /// Measurement time as Unix-epoch UTC nanoseconds, if reported.
    public var timeUnixUTCNanoseconds: Int64?
    public var heading: Double?
    public var pitch: Double?
    public var roll: Double?
    public var yaw: Double?

    public init(
        device: String? = nil, timeUnixUTCNanoseconds: Int64? = nil, heading: Double? = nil, pitch: Double? = nil,
        roll: Double? = nil, yaw: Double? = nil
    ) {
        self.device = device
        self.timeUnixUTCNanoseconds = timeUnixUTCNanoseconds
        self.heading = heading
        self.pitch = pitch
        self.roll = roll
        self.yaw = yaw
    }
}
