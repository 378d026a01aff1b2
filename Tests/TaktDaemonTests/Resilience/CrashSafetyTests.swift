import Foundation
import TaktSimulation
import Testing

/// The spine's crash-safety acceptance: `takt simulate` is SIGKILLed at 20+ seeded random moments 3–14 s into
/// recording (so kills land before, on and after 10 s segment rotations). Afterwards every closed segment
/// verifies; `takt recover` closes the open one into a bag that sha256sum, bagit-python, python-mcap (CRCs) and
/// convbin (one RINEX epoch per recorded RXM-RAWX) accept; and the first NAV-PVT epoch missing from disk is at most
/// about a second older than the kill.
@Suite("Crash safety: SIGKILL during simulated recording")
struct CrashSafetyTests {
    static let iterations = 20
    /// Iterations run side by side (distinct output directories, sockets and gpsfake ports).
    static let parallel = 4
    static let seed: UInt64 = 0x5EED_C2A5
    /// The spine's bound: at most the last second. The recorder syncs every 0.5 s, so a crash loses what arrived
    /// since the last completed sync (plus the simulator's 45 ms emission latency); the rest is room for a slow
    /// fdatasync under load and the time base's error before PPS lock (tens of ms).
    static let maxLostSeconds = 1.0

    @Test("SIGKILL at 20 random moments: closed segments verify, recovery yields valid bags, ≤ ~1 s lost")
    func sigkillDuringRecording() async throws {
        let takt = try Resilience.taktBinary()
        var rng = SeededGenerator(seed: Self.seed)
        let plans = (0..<Self.iterations).map { _ in Double.random(in: 3...14, using: &rng) }
        let outcomes = await BlockingJobs.run(count: plans.count, width: Self.parallel) { i in
            CrashRun(index: i, killAfter: plans[i], takt: takt).execute()
        }
        #expect(outcomes.count == Self.iterations)
        var lines: [String] = []
        for o in outcomes {
            let context = String(
                format: "iteration %d (kill %.2f s into recording, scratch %@)", o.index, o.killAfter, o.scratch)
            #expect(o.problems.isEmpty, "\(context): \(o.problems.joined(separator: "\n"))")
            if let lost = o.lostSeconds {
                #expect(lost <= Self.maxLostSeconds, "\(context): first missing epoch \(lost) s before the kill")
                lines.append(
                    String(
                        format: "#%02d kill %5.2f s: %d closed, %d recovered, %d RAWX recovered, lost %+.3f s",
                        o.index, o.killAfter, o.segmentsClosedBeforeKill, o.segmentsRecovered, o.recoveredRawx, lost))
            } else {
                #expect(Bool(false), "\(context): no loss measurement")
            }
        }
        // Across the run the kills must have exercised recovery after rotations, not only the first segment.
        #expect(outcomes.contains { $0.segmentsClosedBeforeKill > 0 })
        #expect(outcomes.contains { $0.recoveredRawx > 0 })
        let worst = outcomes.compactMap(\.lostSeconds).max() ?? .nan
        print(
            "crash safety: \(outcomes.count) kills, worst loss \(String(format: "%.3f", worst)) s\n"
                + lines.joined(separator: "\n"))
    }
}
