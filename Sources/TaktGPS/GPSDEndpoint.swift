/// Where gpsd listens, and optionally which of its devices to watch (`WATCH_DEVICE`).
public struct GPSDEndpoint: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    /// TCP port as a string, as libgps takes it (`DEFAULT_GPSD_PORT` is "2947").
    public var port: String
    /// Restrict the watch to this device path; `nil` watches every device gpsd has.
    public var device: String?

    public init(host: String = "localhost", port: String = "2947", device: String? = nil) {
        self.host = host
        self.port = port
        self.device = device
    }

    public var description: String { "\(host):\(port)" }
}
