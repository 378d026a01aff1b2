/// One report from gpsd, reduced to what Takt records and what the time-sync model needs.
///
/// The adapter (`TaktGPS`) fills these from libgps' `gps_data_t` after each `gps_read`, dispatching on the `set`
/// bits; everything here is a plain value so the daemon, the simulator and tests can build and compare them without
/// libgps. Doubles are optional instead of NaN: libgps marks "not reported" with NaN, Takt with `nil`.
public enum GPSDReport: Hashable, Sendable, Codable {
    /// Position/velocity/time (JSON class `TPV`).
    case tpv(GPSDFix)
    /// Satellite counts and dilution of precision (JSON class `SKY`).
    case sky(GPSDSky)
    /// One PPS edge as seen by gpsd (JSON class `PPS`): receiver UTC vs host `CLOCK_REALTIME`, ns resolution.
    case pps(GPSDTimeDelta)
    /// One receiver cycle's in-band time offset (JSON class `TOFF`): ms-class, but ns-formatted.
    case toff(GPSDTimeDelta)
    /// Attitude from a compass/AHRS device (JSON class `ATT`).
    case att(GPSDAttitude)
    /// A device was activated or deactivated (JSON class `DEVICE`); deactivation is how gpsd reports device loss.
    case device(GPSDDevice)
    /// gpsd reported an error to this client (JSON class `ERROR`).
    case error(message: String)
}

extension GPSDReport {
    /// The gpsd JSON class name this report came from, for logs and counters.
    public var className: String {
        switch self {
        case .tpv: "TPV"
        case .sky: "SKY"
        case .pps: "PPS"
        case .toff: "TOFF"
        case .att: "ATT"
        case .device: "DEVICE"
        case .error: "ERROR"
        }
    }
}
