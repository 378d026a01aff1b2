/// Where a converted timestamp came from, best first. Every GPS-time stamp Takt records carries one.
public enum TimeProvenance: String, Sendable, Codable, CaseIterable, Comparable {
    /// Host clock disciplined by PPS edges labelled by the receiver; µs-class.
    case ppsLocked = "pps-locked"
    /// PPS was lost; extrapolated from the last fit, with σ growing with holdover age.
    case ppsHoldover = "pps-holdover"
    /// Only in-band GNSS message arrival times (NMEA/TPV/TOFF); ms-class.
    case gnssMessageOnly = "gnss-message-only"
    /// No GNSS reference at all: host clock only. Data so stamped must not be trusted for geometry.
    case hostOnly = "host-only"

    private var rank: Int {
        switch self {
        case .ppsLocked: 0
        case .ppsHoldover: 1
        case .gnssMessageOnly: 2
        case .hostOnly: 3
        }
    }
    public static func < (lhs: TimeProvenance, rhs: TimeProvenance) -> Bool { lhs.rank < rhs.rank }
}

/// A GPS time with its provenance and one-sigma uncertainty.
public struct StampedTime: Hashable, Sendable, Codable {
    public var gps: GPSTime
    public var provenance: TimeProvenance
    public var sigmaNanoseconds: Double

    public init(gps: GPSTime, provenance: TimeProvenance, sigmaNanoseconds: Double) {
        self.gps = gps
        self.provenance = provenance
        self.sigmaNanoseconds = sigmaNanoseconds
    }
}
