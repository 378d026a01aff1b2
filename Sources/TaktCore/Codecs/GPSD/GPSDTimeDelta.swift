/// A pair of times from gpsd's `PPS` or `TOFF` report: the receiver's UTC for an edge/cycle (`real`) and the host's
/// `CLOCK_REALTIME` when gpsd saw it (`clock`). Both are whole seconds plus nanoseconds since the Unix epoch.
///
/// These are the only gpsd reports with ns-resolution host/GPS pairs. Note `clock` is the *realtime* clock of the
/// gpsd host, not the monotonic clock Takt stamps with; the time-sync model decides how to use it.
public struct GPSDTimeDelta: Hashable, Sendable, Codable {
    public var device: String?
    public var realSeconds: Int64
    public var realNanoseconds: Int64
    public var clockSeconds: Int64
    public var clockNanoseconds: Int64
    /// log2 of the claimed precision in seconds (e.g. −20 ≈ 1 µs). libgps 3.22 does not store it in `gps_data_t`
    /// ("FIXME! next lib rev"), so the adapter reads it from the JSON line; TOFF has none (gpsd assumes −2).
    public var precision: Int?
    /// u-blox quantisation error for this edge, picoseconds, when reported.
    public var quantizationErrorPicoseconds: Int64?

    public init(
        device: String? = nil, realSeconds: Int64, realNanoseconds: Int64, clockSeconds: Int64,
        clockNanoseconds: Int64, precision: Int? = nil, quantizationErrorPicoseconds: Int64? = nil
    ) {
        self.device = device
        self.realSeconds = realSeconds
        self.realNanoseconds = realNanoseconds
        self.clockSeconds = clockSeconds
        self.clockNanoseconds = clockNanoseconds
        self.precision = precision
        self.quantizationErrorPicoseconds = quantizationErrorPicoseconds
    }

    /// Receiver UTC as Unix-epoch nanoseconds.
    public var realUnixUTCNanoseconds: Int64 { realSeconds * GPSTime.nanosecondsPerSecond + realNanoseconds }
    /// Host `CLOCK_REALTIME` as Unix-epoch nanoseconds.
    public var clockRealtimeNanoseconds: Int64 { clockSeconds * GPSTime.nanosecondsPerSecond + clockNanoseconds }

    /// The receiver time on the GPS timescale, given GPS − UTC.
    public func realGPSTime(leapSeconds: Int) -> GPSTime {
        GPSTime(unixUTCNanoseconds: realUnixUTCNanoseconds, leapSeconds: leapSeconds)
    }

    /// True when every field is zero: how libgps 3.22 leaves `data.toff` after a TOFF report (its values land in
    /// `data.pps`), used by the adapter to pick the right struct.
    public var isZero: Bool { realSeconds == 0 && realNanoseconds == 0 && clockSeconds == 0 && clockNanoseconds == 0 }
}
