/// UTC text for bundle names and tag files, computed from Unix nanoseconds without Foundation or a clock
/// (proleptic Gregorian civil-from-days).
public enum UTCText {
    /// `2026-06-01T08:15:00.123456789Z`.
    public static func iso8601(unixNanoseconds ns: Int64) -> String {
        let c = civil(ns)
        let frac = String(c.nanosecond).leftPadded(to: 9)
        return "\(c.date)T\(p2(c.hour)):\(p2(c.minute)):\(p2(c.second)).\(frac)Z"
    }

    /// `2026-06-01T08-15-00Z`: the session directory prefix (no colons, which some file systems reject).
    public static func sessionStamp(unixNanoseconds ns: Int64) -> String {
        let c = civil(ns)
        return "\(c.date)T\(p2(c.hour))-\(p2(c.minute))-\(p2(c.second))Z"
    }

    /// `2026-06-01`: the BagIt `Bagging-Date`.
    public static func date(unixNanoseconds ns: Int64) -> String { civil(ns).date }

    private struct Civil {
        var date: String
        var hour: Int64, minute: Int64, second: Int64, nanosecond: Int64
    }

    private static func civil(_ ns: Int64) -> Civil {
        let secs = ns.floorDiv(1_000_000_000)
        let nano = ns.floorMod(1_000_000_000)
        let days = secs.floorDiv(86_400)
        let sod = secs.floorMod(86_400)
        // Howard Hinnant's days_from_civil inverse.
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        let date = "\(String(y).leftPadded(to: 4))-\(p2(m))-\(p2(d))"
        return Civil(date: date, hour: sod / 3600, minute: sod % 3600 / 60, second: sod % 60, nanosecond: nano)
    }

    private static func p2(_ v: Int64) -> String { String(v).leftPadded(to: 2) }
}
