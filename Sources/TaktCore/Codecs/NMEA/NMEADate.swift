/// A calendar date carried by RMC (two-digit year, expanded) or ZDA (four-digit year).
public struct NMEADate: Hashable, Sendable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether the fields form a real Gregorian date (receivers emit `000000` before they know it).
    public var isValid: Bool {
        guard year >= 1980, year < 2200, (1...12).contains(month), day >= 1 else { return false }
        return day <= CivilCalendar.daysInMonth(year: year, month: month)
    }
}
