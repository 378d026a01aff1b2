/// Proleptic Gregorian date arithmetic on plain integers (no Foundation in the core).
///
/// Receivers report UTC as calendar fields; Takt converts them to Unix nanoseconds and GPS time with these.
/// The day-count formulas are the standard era-based ones (400-year cycles), valid for any year.
public enum CivilCalendar {
    /// Days since 1970-01-01 for a Gregorian date.
    public static func daysSinceUnixEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The Gregorian date of a day count since 1970-01-01.
    public static func date(daysSinceUnixEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }

    public static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Unix nanoseconds of a UTC calendar instant. Second 60 (a leap second) maps onto the next second's start,
    /// as POSIX time does.
    public static func unixNanoseconds(year: Int, month: Int, day: Int, nanosecondsOfDay: Int64) -> Int64 {
        daysSinceUnixEpoch(year: year, month: month, day: day) * 86_400 * 1_000_000_000 + nanosecondsOfDay
    }

    /// ISO-8601 UTC with nanoseconds trimmed to the given number of fraction digits (3 = gpsd's TPV style).
    public static func iso8601(unixNanoseconds ns: Int64, fractionDigits: Int = 9) -> String {
        let nsPerDay: Int64 = 86_400 * 1_000_000_000
        let days = ns.floorDiv(nsPerDay)
        let inDay = ns.floorMod(nsPerDay)
        let (y, m, d) = date(daysSinceUnixEpoch: days)
        let secs = inDay / 1_000_000_000
        let frac = inDay % 1_000_000_000
        let hh = secs / 3600, mm = secs / 60 % 60, ss = secs % 60
        var s = "\(String(y).leftPadded(to: 4))-\(String(m).leftPadded(to: 2))-\(String(d).leftPadded(to: 2))T"
        s += "\(String(hh).leftPadded(to: 2)):\(String(mm).leftPadded(to: 2)):\(String(ss).leftPadded(to: 2))"
        let digits = max(0, min(9, fractionDigits))
        if digits > 0 {
            s += "." + String(String(frac).leftPadded(to: 9).prefix(digits))
        }
        return s + "Z"
    }
}
