/// GPS − UTC over history, for receivers that report only UTC (NMEA) and never say the offset.
///
/// GPS time started equal to UTC on 1980-01-06; each UTC leap second since then added one second to the offset.
/// The table ends at 2017-01-01 (18 s): IERS announced no leap second after that as of 2026.
public enum GPSLeapSeconds {
    /// Unix seconds at which each new offset took effect, and the offset from then on.
    static let table: [(unixSeconds: Int64, leapSeconds: Int)] = [
        (362_793_600, 1),  // 1981-07-01
        (394_329_600, 2),  // 1982-07-01
        (425_865_600, 3),  // 1983-07-01
        (489_024_000, 4),  // 1985-07-01
        (567_993_600, 5),  // 1988-01-01
        (631_152_000, 6),  // 1990-01-01
        (662_688_000, 7),  // 1991-01-01
        (709_948_800, 8),  // 1992-07-01
        (741_484_800, 9),  // 1993-07-01
        (773_020_800, 10),  // 1994-07-01
        (820_454_400, 11),  // 1996-01-01
        (867_715_200, 12),  // 1997-07-01
        (915_148_800, 13),  // 1999-01-01
        (1_136_073_600, 14),  // 2006-01-01
        (1_230_768_000, 15),  // 2009-01-01
        (1_341_100_800, 16),  // 2012-07-01
        (1_435_708_800, 17),  // 2015-07-01
        (1_483_228_800, 18),  // 2017-01-01
    ]

    /// GPS − UTC in seconds at a UTC instant.
    public static func at(unixUTCNanoseconds ns: Int64) -> Int {
        let s = ns.floorDiv(1_000_000_000)
        var result = 0
        for entry in table where s >= entry.unixSeconds { result = entry.leapSeconds }
        return result
    }
}
