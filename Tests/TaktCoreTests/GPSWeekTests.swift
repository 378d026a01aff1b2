import TaktCore
import Testing

@Suite struct GPSWeekTests {
    @Test(arguments: [
        // (truncated week, reference week, expected full week)
        (352, 2400, 2400),  // 2026: second rollover era
        (1023, 2049, 2047),  // just before the April 2019 rollover, referenced just after it
        (0, 2047, 2048),  // first week after the 2019 rollover
        (2, 3070, 3074),  // November 2038 rollover, referenced from before it
        (1000, 1030, 1000),  // 1999 era
    ])
    func resolvesTenBitWeekNearReference(truncated: Int, reference: Int, expected: Int) {
        let ref = GPSTime(week: reference, timeOfWeekNanoseconds: 0)
        #expect(GPSWeek.resolve(truncated: truncated, near: ref) == expected)
    }

    @Test func fullWeekFromRolloverCountAndThirteenBitWeeks() {
        #expect(GPSWeek.full(truncated: 352, rollovers: 2) == 2400)
        #expect(GPSWeek.resolve(truncated: 2400, bits: 13, near: GPSTime(week: 2390, timeOfWeekNanoseconds: 0)) == 2400)
    }

    @Test func taiRoundTrip() {
        let gps = GPSTime(week: 2400, timeOfWeekNanoseconds: 123_456_789)
        #expect(GPSTime(ptpTAINanoseconds: gps.ptpTAINanoseconds) == gps)
        // TAI − UTC = 37 s when GPS − UTC = 18 s.
        #expect(gps.ptpTAINanoseconds - gps.unixUTCNanoseconds(leapSeconds: 18) == 37_000_000_000)
    }
}
