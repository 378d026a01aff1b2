/// ZDA: time and full date. Preferred over RMC for the date because its year has four digits.
public struct NMEAZDA: Hashable, Sendable, Codable {
    public var talker: String
    public var utcTimeOfDayNanoseconds: Int64?
    public var date: NMEADate?
    public var localZoneHours: Int?
    public var localZoneMinutes: Int?

    public init(talker: String, fields f: [String]) {
        self.talker = talker
        utcTimeOfDayNanoseconds = NMEAField.timeOfDay(f[field: 0])
        if let d = NMEAField.int(f[field: 1]), let m = NMEAField.int(f[field: 2]), let y = NMEAField.int(f[field: 3]) {
            let date = NMEADate(year: y, month: m, day: d)
            self.date = date.isValid ? date : nil
        }
        localZoneHours = NMEAField.int(f[field: 4])
        localZoneMinutes = NMEAField.int(f[field: 5])
    }
}
