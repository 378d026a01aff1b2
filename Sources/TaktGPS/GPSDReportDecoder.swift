import CGPS
import TaktCore

/// Turns the `gps_data_t` left by one `gps_read` into Takt's `GPSDReport`s, dispatching on the `set` bits.
///
/// libgps 3.22 traps handled here:
/// - a TOFF sets `TOFF_SET` but its numbers land in `data.pps` (`data.toff` stays zero; fixed upstream in 3.25);
/// - PPS `precision` has no struct field, so it is read from the JSON line;
/// - doubles use NaN for "not reported"; Takt uses `nil`.
/// Classes Takt does not record (VERSION, WATCH, GST, …) yield no report.
enum GPSDReportDecoder {
    static func reports(set: gps_mask_t, data: UnsafePointer<gps_data_t>, line: [UInt8]) -> [GPSDReport] {
        let json = GPSDJSONLine(bytes: line)
        let d = data.pointee
        let device = json.string(for: "device")
        if set & TOFF_SET != 0 {
            let source = d.toff.isZero ? d.pps : d.toff
            return [.toff(timeDelta(source, device: device, json: json))]
        }
        if set & PPS_SET != 0 {
            var delta = timeDelta(d.pps, device: device, json: json)
            if delta.quantizationErrorPicoseconds == nil, d.qErr != 0 {
                delta.quantizationErrorPicoseconds = Int64(d.qErr)
            }
            return [.pps(delta)]
        }
        if set & ATTITUDE_SET != 0 { return [.att(attitude(d.attitude, device: device))] }
        if set & ERROR_SET != 0 { return [.error(message: string(d.error))] }
        if set & DEVICELIST_SET != 0 {
            let count = max(0, min(Int(d.devices.ndevices), Int(MAXUSERDEVS)))
            return withUnsafeBytes(of: d.devices.list) { raw in
                raw.bindMemory(to: devconfig_t.self).prefix(count).map { .device(self.device($0)) }
            }
        }
        if set & DEVICE_SET != 0 { return [.device(self.device(d.dev))] }
        if set & SATELLITE_SET != 0 { return [.sky(sky(d, device: device))] }
        if set & MODE_SET != 0 { return [.tpv(fix(d, set: set, device: device, json: json))] }
        return []
    }

    /// gpsd 3.22 prints TPV `status` only when it is not a plain fix, and libgps then leaves 0 (`STATUS_NO_FIX`):
    /// an absent key with a 2D/3D mode means `STATUS_FIX`.
    private static func status(_ f: gps_fix_t, json: GPSDJSONLine) -> GPSDFixStatus? {
        if json.integer(for: "status") != nil { return GPSDFixStatus(rawValue: Int(f.status)) }
        return f.mode >= MODE_2D ? .gps : nil
    }

    private static func fix(_ d: gps_data_t, set: gps_mask_t, device: String?, json: GPSDJSONLine) -> GPSDFix {
        let f = d.fix
        let hasLatLon = set & LATLON_SET != 0
        return GPSDFix(
            device: device,
            timeUnixUTCNanoseconds: set & TIME_SET != 0 ? nanoseconds(f.time) : nil,
            leapSeconds: d.leap_seconds != 0 ? Int(d.leap_seconds) : nil,
            mode: GPSDFixMode(rawValue: Int(f.mode)) ?? .notSeen,
            status: status(f, json: json),
            latitude: hasLatLon ? finite(f.latitude) : nil,
            longitude: hasLatLon ? finite(f.longitude) : nil,
            altitudeHAE: finite(f.altHAE), altitudeMSL: finite(f.altMSL),
            speed: finite(f.speed), track: finite(f.track), climb: finite(f.climb),
            eph: finite(f.eph), epv: finite(f.epv), ept: finite(f.ept))
    }

    private static func sky(_ d: gps_data_t, device: String?) -> GPSDSky {
        let t = nanoseconds(d.skyview_time)
        return GPSDSky(
            device: device, timeUnixUTCNanoseconds: t == 0 ? nil : t,
            satellitesUsed: Int(d.satellites_used), satellitesVisible: Int(d.satellites_visible),
            hdop: finite(d.dop.hdop), vdop: finite(d.dop.vdop), pdop: finite(d.dop.pdop),
            tdop: finite(d.dop.tdop), gdop: finite(d.dop.gdop))
    }

    private static func timeDelta(_ t: timedelta_t, device: String?, json: GPSDJSONLine) -> GPSDTimeDelta {
        GPSDTimeDelta(
            device: device,
            realSeconds: Int64(t.real.tv_sec), realNanoseconds: Int64(t.real.tv_nsec),
            clockSeconds: Int64(t.clock.tv_sec), clockNanoseconds: Int64(t.clock.tv_nsec),
            precision: json.integer(for: "precision").flatMap { Int(exactly: $0) },
            quantizationErrorPicoseconds: json.integer(for: "qErr"))
    }

    private static func attitude(_ a: attitude_t, device: String?) -> GPSDAttitude {
        let t = nanoseconds(a.mtime)
        return GPSDAttitude(
            device: device, timeUnixUTCNanoseconds: t == 0 ? nil : t,
            heading: finite(a.heading), pitch: finite(a.pitch), roll: finite(a.roll), yaw: finite(a.yaw))
    }

    private static func device(_ c: devconfig_t) -> GPSDDevice {
        GPSDDevice(
            path: string(c.path), driver: string(c.driver),
            isActive: c.activated.tv_sec != 0 || c.activated.tv_nsec != 0,
            baudRate: c.baudrate == 0 ? nil : Int(c.baudrate))
    }

    private static func nanoseconds(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }

    private static func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

    /// A fixed-size C `char[N]` (imported as a tuple) as a String, stopping at the first NUL, never past the end.
    private static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            let end = raw.firstIndex(of: 0) ?? raw.count
            return String(decoding: raw[..<end], as: UTF8.self)
        }
    }
}

extension timedelta_t {
    fileprivate var isZero: Bool {
        real.tv_sec == 0 && real.tv_nsec == 0 && clock.tv_sec == 0 && clock.tv_nsec == 0
    }
}
