import TaktCore
import Testing

/// The box counter's rate against the host's: judged only over a long enough baseline, within ±200 ppm plus the
/// read-jitter allowance, restarted when the counter goes backwards.
@Suite struct TriggerBoxClockCheckTests {
    /// Heartbeats once a second for `seconds`, the box counter running `ppm` fast, each line read 0–4 ms late.
    static func run(ppm: Double, seconds: Int, restartAt: Int? = nil) -> [TriggerBoxClockCheck.Verdict] {
        var check = TriggerBoxClockCheck()
        var verdicts: [TriggerBoxClockCheck.Verdict] = []
        var tickBase = 0.0
        for k in 0...seconds {
            if k == restartAt { tickBase = -Double(k) * 1e6 * (1 + ppm * 1e-6) + 17 }
            let tick = UInt64(max(0, tickBase + Double(k) * 1e6 * (1 + ppm * 1e-6) + 5_000_000))
            let readLate = Int64((k * 7919) % 5) * 1_000_000
            let host = MonotonicInstant(nanoseconds: 1_000_000_000 + Int64(k) * 1_000_000_000 + readLate)
            verdicts.append(check.add(tick: tick, at: host))
        }
        return verdicts
    }

    @Test func rateWithinToleranceIsReportedAfterTheBaseline() {
        let v = Self.run(ppm: 50, seconds: 120)
        #expect(v[..<30].allSatisfy { $0 == .unknown })
        guard case .within(let ppm) = v[120] else {
            Issue.record("expected within, got \(v[120])")
            return
        }
        #expect(abs(ppm - 50) < 40)
    }

    @Test func aFastCounterIsFlagged() {
        let v = Self.run(ppm: 600, seconds: 120)
        guard case .outside(let ppm, let allowed) = v[120] else {
            Issue.record("expected outside, got \(v[120])")
            return
        }
        #expect(abs(ppm - 600) < 40)
        #expect(allowed > 200 && allowed < 260)
    }

    @Test func aRestartedCounterStartsANewBaseline() {
        let v = Self.run(ppm: 0, seconds: 100, restartAt: 60)
        #expect(v[59] != .unknown)
        // From the restart on, 30 s of new baseline are needed before a verdict again.
        #expect(v[60..<90].allSatisfy { $0 == .unknown })
        if case .within = v[100] {} else { Issue.record("expected within after the restart, got \(v[100])") }
    }
}
