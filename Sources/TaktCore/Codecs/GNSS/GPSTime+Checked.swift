extension GPSTime {
    /// Largest GPS week Takt accepts from a receiver field (week 9999 is in 2171). Receiver weeks are u2/i2, and
    /// week 65535 in nanoseconds overflows Int64, so decoded weeks go through this check, never straight into
    /// `init(week:timeOfWeekNanoseconds:)`.
    public static let maxReceiverWeek = 9999

    /// A GPS time from receiver fields, or nil when the week is out of range (corrupt or unset).
    public static func checked(week: Int, timeOfWeekNanoseconds tow: Int64) -> GPSTime? {
        guard (0...maxReceiverWeek).contains(week), abs(tow) <= 10 * secondsPerWeek * nanosecondsPerSecond else {
            return nil
        }
        return GPSTime(week: week, timeOfWeekNanoseconds: tow)
    }
}
