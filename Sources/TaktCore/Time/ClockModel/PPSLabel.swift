/// Which receiver message named the GPS second of a PPS edge.
public enum PPSLabelSource: String, Sendable, Codable, Hashable, CaseIterable {
    /// UBX TIM-TP: sent before the pulse, announces the *next* pulse's time and its `qErr`.
    case ubxTimTP = "ubx-tim-tp"
    /// UBX NAV-PVT: the epoch's messages follow its PPS edge.
    case ubxNavPVT = "ubx-nav-pvt"
    /// UBX NAV-TIMEGPS.
    case ubxNavTimeGPS = "ubx-nav-timegps"
    /// NMEA RMC/ZDA time (UTC, converted to GPS by the caller with `ClockModel.leapSeconds`).
    case nmea
    /// gpsd TOFF JSON (`real` is the second of the cycle).
    case gpsdTOFF = "gpsd-toff"
    /// gpsd PPS JSON (`real` is the second of the edge).
    case gpsdPPS = "gpsd-pps"

    /// Whether the message arrives before the edge it names (TIM-TP) rather than after it.
    public var announcesNextPulse: Bool { self == .ubxTimTP }
}

/// The receiver's statement that a PPS edge marks a given GPS second.
///
/// Post-edge labels (NAV-PVT, NMEA, gpsd) name the most recent edge and are rejected if they arrive more than 0.9 s
/// after it; an announcing label (TIM-TP) names the first edge within one second after its arrival.
public struct PPSLabel: Hashable, Sendable, Codable {
    /// The GPS time the edge marks; a whole second for a 1 PPS.
    public var gps: GPSTime
    /// Host instant at which the message carrying the label arrived.
    public var receivedAt: MonotonicInstant
    public var source: PPSLabelSource
    /// u-blox quantisation error of the pulse (TIM-TP `qErr`), picoseconds; subtracted from the label (§2.6).
    public var quantisationErrorPicoseconds: Int32?

    public init(
        gps: GPSTime,
        receivedAt: MonotonicInstant,
        source: PPSLabelSource,
        quantisationErrorPicoseconds: Int32? = nil
    ) {
        self.gps = gps
        self.receivedAt = receivedAt
        self.source = source
        self.quantisationErrorPicoseconds = quantisationErrorPicoseconds
    }
}
