extension UBXRxmRawx {
    /// GPS − UTC when the receiver has determined it (recStat bit 0), else nil.
    public var leapSecondsIfKnown: Int? { receiverStatus & 0x01 != 0 ? Int(leapSeconds) : nil }
}

extension UBXNavPVT {
    /// The epoch as GPS time, from the UTC date/time fields (incl. the signed `nano` correction) and GPS − UTC.
    /// Nil when the receiver flags date or time as invalid or the fields are out of range.
    public func gpsTime(leapSeconds: Int) -> GPSTime? {
        guard validDate, validTime, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second <= 60
        else { return nil }
        let days = CivilCalendar.daysSinceUnixEpoch(year: year, month: month, day: day)
        let secs = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return GPSTime(unixUTCNanoseconds: secs * 1_000_000_000 + Int64(nanoseconds), leapSeconds: leapSeconds)
    }
}
