import Testing
@testable import TaktCore

@Suite struct GPSTimeTests {
    @Test func unixRoundTripWithLeapSeconds() {
        // 2026-06-01T08:15:00Z
        let unix: Int64 = 1_780_301_700 * 1_000_000_000
        let t = GPSTime(unixUTCNanoseconds: unix, leapSeconds: 18)
        #expect(t.unixUTCNanoseconds(leapSeconds: 18) == unix)
        #expect(t.nanosecondsSinceEpoch == (1_780_301_700 - 315_964_800 + 18) * 1_000_000_000)
    }

    @Test func weekAndTimeOfWeek() {
        let t = GPSTime(week: 2369, timeOfWeekNanoseconds: 345_600_123_456_789)
        #expect(t.week == 2369)
        #expect(t.timeOfWeekNanoseconds == 345_600_123_456_789)
        #expect(GPSTime(nanosecondsSinceEpoch: -1).week == -1)
    }

    @Test func taiIsNineteenSecondsAhead() {
        let gps = GPSTime(week: 2000, timeOfWeekNanoseconds: 0)
        let tai = gps.nanosecondsSinceEpoch + (315_964_800 + 19) * 1_000_000_000
        #expect(GPSTime(ptpTAINanoseconds: tai) == gps)
    }
}
