/// An instant on the GPS timescale, as nanoseconds since the GPS epoch (1980-01-06T00:00:00 UTC).
///
/// GPS time has no leap seconds, so it is the one scale every sensor stamp is converted to. It is a distinct type
/// from `MonotonicInstant` so host readings can never be mistaken for GPS time: only the clock model converts.
public struct GPSTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    public static let nanosecondsPerSecond: Int64 = 1_000_000_000
    public static let secondsPerWeek: Int64 = 604_800
    /// Unix time of the GPS epoch.
    public static let unixEpochOffsetSeconds: Int64 = 315_964_800
    /// GPS − UTC since 2017-01-01; used only when the receiver has not told us.
    public static let defaultLeapSeconds = 18
    /// TAI − GPS, constant by definition.
    public static let taiMinusGPSSeconds: Int64 = 19

    public init(week: Int, timeOfWeekNanoseconds: Int64) {
        self.nanosecondsSinceEpoch = Int64(week) * Self.secondsPerWeek * Self.nanosecondsPerSecond + timeOfWeekNanoseconds
    }

    /// From UTC expressed as Unix-epoch nanoseconds, given GPS − UTC in seconds.
    public init(unixUTCNanoseconds: Int64, leapSeconds: Int) {
        self.nanosecondsSinceEpoch =
            unixUTCNanoseconds - Self.unixEpochOffsetSeconds * Self.nanosecondsPerSecond
            + Int64(leapSeconds) * Self.nanosecondsPerSecond
    }

    /// From TAI expressed as nanoseconds since the Unix epoch (PTP timescale).
    public init(ptpTAINanoseconds: Int64) {
        self.nanosecondsSinceEpoch =
            ptpTAINanoseconds - Self.unixEpochOffsetSeconds * Self.nanosecondsPerSecond
            - Self.taiMinusGPSSeconds * Self.nanosecondsPerSecond
    }

    public var week: Int { Int(nanosecondsSinceEpoch.floorDiv(Self.secondsPerWeek * Self.nanosecondsPerSecond)) }
    public var timeOfWeekNanoseconds: Int64 {
        nanosecondsSinceEpoch.floorMod(Self.secondsPerWeek * Self.nanosecondsPerSecond)
    }
    /// Whole GPS seconds since the epoch (floor).
    public var wholeSeconds: Int64 { nanosecondsSinceEpoch.floorDiv(Self.nanosecondsPerSecond) }

    /// UTC as Unix-epoch nanoseconds, given GPS − UTC in seconds.
    public func unixUTCNanoseconds(leapSeconds: Int) -> Int64 {
        nanosecondsSinceEpoch + Self.unixEpochOffsetSeconds * Self.nanosecondsPerSecond
            - Int64(leapSeconds) * Self.nanosecondsPerSecond
    }

    public static func < (lhs: GPSTime, rhs: GPSTime) -> Bool { lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch }

    public static func + (lhs: GPSTime, rhs: Duration) -> GPSTime {
        GPSTime(nanosecondsSinceEpoch: lhs.nanosecondsSinceEpoch + rhs.nanoseconds)
    }
    public static func - (lhs: GPSTime, rhs: Duration) -> GPSTime {
        GPSTime(nanosecondsSinceEpoch: lhs.nanosecondsSinceEpoch - rhs.nanoseconds)
    }
    public static func - (lhs: GPSTime, rhs: GPSTime) -> Duration {
        .nanoseconds(lhs.nanosecondsSinceEpoch - rhs.nanosecondsSinceEpoch)
    }

    public var description: String {
        let tow = timeOfWeekNanoseconds
        let s = tow / Self.nanosecondsPerSecond
        let ns = tow % Self.nanosecondsPerSecond
        return "GPS \(week):\(s).\(String(ns).leftPadded(to: 9))"
    }
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
    func floorMod(_ d: Int64) -> Int64 { self - floorDiv(d) * d }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating is unnecessary for Takt's spans).
    public var nanoseconds: Int64 {
        let (s, a) = components
        return s * 1_000_000_000 + a / 1_000_000_000
    }
}
