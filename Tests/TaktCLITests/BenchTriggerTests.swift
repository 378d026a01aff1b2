import Testing

@testable import TaktCLI

/// `takt bench trigger` runs the acceptance scenarios and gates on them; one seed keeps the test short.
@Suite struct BenchTriggerTests {
    @Test func reportPassesAndNamesEveryScenario() {
        let (text, passed) = Takt.Bench.Trigger.report(seeds: 1, firstSeed: 7)
        #expect(passed, "\(text)")
        // Nine planner scenarios (cruise ± IMU, latency allowance, stop-and-go ± IMU, city ± IMU, the two daemon
        // deliveries) and the TIM-TM2 reconciliation.
        #expect(text.split(separator: "\n").filter { $0.hasSuffix("PASS") }.count == 10)
        #expect(text.contains("IMU effect (p95 with IMU / p95 GNSS only, same runs):"))
        #expect(text.contains("city with turns, daemon delivery: "))
        #expect(text.contains("50 km/h, 5 m, 10 Hz GNSS + 100 Hz IMU"))
        #expect(text.contains("fires while standing 0, gaps > 1.1 × spacing 0"))
        #expect(text.contains("mis-assigned 0, false alarms 0"))
    }
}
