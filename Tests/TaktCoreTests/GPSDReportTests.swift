import Testing

@testable import TaktCore

/// The gpsd wire types: time conversions and the JSON-line scanner the 3.22 adapter relies on for what libgps drops.
/// Lines are verbatim gpsd 3.22 output (captured from gpspipe against gpsfake).
@Suite struct GPSDReportTests {
    static let toffLine =
        #"{"class":"TOFF","device":"/dev/pts/1","real_sec":1795590009, "real_nsec":0,"#
        + #""clock_sec":1795590917,"clock_nsec":930619510}"#
    static let ppsLine =
        #"{"class":"PPS","device":"/dev/ttyS0","real_sec":1795590010,"real_nsec":0,"clock_sec":1795590010,"#
        + #""clock_nsec":12345,"precision":-20,"qErr":-1500}"#

    @Test func scannerReadsClassAndIntegers() {
        let toff = GPSDJSONLine(Self.toffLine)
        #expect(toff.className == "TOFF")
        #expect(toff.integer(for: "real_sec") == 1_795_590_009)
        #expect(toff.integer(for: "clock_nsec") == 930_619_510)
        #expect(toff.integer(for: "precision") == nil)
        #expect(toff.string(for: "device") == "/dev/pts/1")
        let pps = GPSDJSONLine(Self.ppsLine)
        #expect(pps.className == "PPS")
        #expect(pps.integer(for: "precision") == -20)
        #expect(pps.integer(for: "qErr") == -1500)
    }

    @Test(arguments: [
        #"{"class":"PPS","nested":{"precision":-3},"precision":-20}"#,
        #"{"device":"precision","precision":-20}"#,
        #"{"class" : "PPS" , "precision" :  -20 }"#,
    ])
    func scannerIgnoresNestedAndStringValues(line: String) {
        #expect(GPSDJSONLine(line).integer(for: "precision") == -20)
    }

    @Test(arguments: [
        "", "{", #"{"precision":}"#, #"{"precision":-}"#, #"{"precision":1.5}"#, #"{"precision":"x"}"#,
        #"{"precision":99999999999999999999999}"#, #"{"class":"PPS"#, "\u{0}\u{FF}",
    ])
    func scannerRejectsMalformedWithoutCrashing(line: String) {
        #expect(GPSDJSONLine(line).integer(for: "precision") == nil)
    }

    @Test func truncatedClassIsNil() {
        #expect(GPSDJSONLine(#"{"class":"PPS"#).className == nil)
    }

    @Test func fixTimeConvertsWithReportedOrFallbackLeapSeconds() {
        // 2026-11-25T07:00:09.000Z
        let utc: Int64 = 1_795_590_009 * 1_000_000_000
        let base = (1_795_590_009 - 315_964_800) * GPSTime.nanosecondsPerSecond
        var fix = GPSDFix(timeUnixUTCNanoseconds: utc, mode: .threeD)
        let withDefault = fix.gpsTime()
        let withFallback = fix.gpsTime(fallbackLeapSeconds: 17)
        #expect(withDefault == GPSTime(nanosecondsSinceEpoch: base + 18 * GPSTime.nanosecondsPerSecond))
        #expect(withFallback == GPSTime(nanosecondsSinceEpoch: base + 17 * GPSTime.nanosecondsPerSecond))
        fix.leapSeconds = 19
        let withReported = fix.gpsTime(fallbackLeapSeconds: 17)
        #expect(withReported == GPSTime(nanosecondsSinceEpoch: base + 19 * GPSTime.nanosecondsPerSecond))
        #expect(GPSDFix(mode: .noFix).gpsTime() == nil)
    }

    @Test func timeDeltaCombinesSecondsAndNanoseconds() {
        let d = GPSDTimeDelta(
            realSeconds: 1_795_590_010, realNanoseconds: 0, clockSeconds: 1_795_590_010, clockNanoseconds: 12_345)
        #expect(d.realUnixUTCNanoseconds == 1_795_590_010_000_000_000)
        #expect(d.clockRealtimeNanoseconds == 1_795_590_010_000_012_345)
        #expect(d.realGPSTime(leapSeconds: 18).wholeSeconds == 1_795_590_010 - 315_964_800 + 18)
        #expect(!d.isZero)
        #expect(GPSDTimeDelta(realSeconds: 0, realNanoseconds: 0, clockSeconds: 0, clockNanoseconds: 0).isZero)
    }
}

@Suite struct ReconnectBackoffTests {
    @Test func growsToTheCapAndResets() {
        var b = ReconnectBackoff(initialDelay: .milliseconds(100), maximumDelay: .milliseconds(500), multiplier: 2)
        let delays = (0..<6).map { _ in b.nextDelay() }
        #expect(delays == [100, 200, 400, 500, 500, 500].map { Duration.milliseconds($0) })
        #expect(b.failures == 6)
        b.reset()
        #expect(b.nextDelay() == .milliseconds(100))
    }
}
