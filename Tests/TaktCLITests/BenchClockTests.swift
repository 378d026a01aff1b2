import Testing

@testable import TaktCLI

@Suite struct BenchClockTests {
    /// A short run of the acceptance scenario must meet the targets; the headline figures come from
    /// scripts/bench-clock, this only guards against regressions.
    @Test func shortRunMeetsTheTargetsAndReportsAgainstThePeer() {
        let report = Takt.Bench.Clock.report(seeds: 1, hours: 0.5, firstSeed: 7)
        #expect(report.passed, "\(report.text)")
        #expect(report.text.contains("locked RMS error"))
        #expect(report.text.contains("naive peer"))
        #expect(report.text.contains("overall: PASS"))
    }

    /// The gate can fail: a model assuming almost no oscillator wander states too small a σ for this oscillator.
    @Test func overconfidentModelFailsTheCoverageTarget() {
        let report = Takt.Bench.Clock.report(seeds: 1, hours: 0.5, firstSeed: 7, wander: 3, modelWander: 0.01)
        #expect(!report.passed)
        #expect(report.text.contains("FAIL"))
    }
}
