/// Arrival of a GNSS message carrying the time of its epoch, for the ms-class `gnss-message-only` fallback.
///
/// In-band time lags the epoch by receiver processing plus serial transfer (10–700 ms, protocols.md §1.3), so the
/// model keeps the least-delayed recent arrivals, never the mean.
public struct GNSSMessageTime: Hashable, Sendable, Codable {
    public enum Source: String, Sendable, Codable, Hashable, CaseIterable {
        case ubx, nmea
        case gpsdTPV = "gpsd-tpv"
        case gpsdTOFF = "gpsd-toff"

        /// One-sigma error of the least-delayed arrival in a short window, ns.
        public var defaultSigmaNanoseconds: Double {
            switch self {
            case .ubx: 20_000_000
            case .nmea, .gpsdTPV, .gpsdTOFF: 150_000_000
            }
        }
    }

    /// GPS time of the epoch the message describes.
    public var gps: GPSTime
    public var receivedAt: MonotonicInstant
    public var source: Source

    public init(gps: GPSTime, receivedAt: MonotonicInstant, source: Source) {
        self.gps = gps
        self.receivedAt = receivedAt
        self.source = source
    }
}
