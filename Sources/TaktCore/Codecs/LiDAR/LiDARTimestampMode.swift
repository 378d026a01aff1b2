/// Which clock a LiDAR's own packet timestamps run on (rig option `timestampMode`). The mode decides how a sensor
/// timestamp converts to GPS time and whether it can be expected to agree with GNSS time at all.
public enum LiDARTimestampMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ouster: ns since the sensor powered up; never on GPS time.
    case ousterInternalOscillator = "TIME_FROM_INTERNAL_OSC"
    /// Ouster: counts seconds of the sync-pulse input; UTC Unix ns once NMEA has set the second, otherwise only
    /// the sub-second phase is meaningful.
    case ousterSyncPulse = "TIME_FROM_SYNC_PULSE_IN"
    /// Ouster: PTP (IEEE 1588) time, TAI ns since 1970-01-01 TAI.
    case ousterPTP = "TIME_FROM_PTP_1588"
    /// Velodyne: µs past the top of the UTC hour; the hour comes from GNSS and the PPS state from position packets.
    case velodyneTopOfHour = "VELODYNE_TOP_OF_HOUR"
}

/// Whether a LiDAR's clock agrees with GPS time, judged per frame.
public enum LiDARSyncVerdict: String, Sendable, Hashable, Codable {
    /// The sensor claims synchronisation and its time is within tolerance of the host path.
    case synchronised
    /// The sensor claims synchronisation but is off by more than the tolerance (and at most a minute: a wrong
    /// leap-second or TAI/UTC setting, a cable delay, a misconfigured offset).
    case offset
    /// The sensor's clock is free-running (internal oscillator, Velodyne PPS not locked) or off by more than a
    /// minute: its timestamps must not be used as GPS time.
    case unsynchronised
}
