import Foundation
import TaktCore
import TaktSimulation

/// Pure renderer of the clock benchmark report; targets are the acceptance figures.
enum ClockBenchReport {
    static let lockedRMSTarget = 1_000.0
    static let lockedMaxTarget = 5_000.0
    static let holdoverTarget = 100_000.0
    static let coverageTarget = 99.0

    static func passes(_ e: PPSClockEvaluation) -> Bool {
        e.locked.count > 0 && e.holdoverAtGapEnd.count > 0 && e.locked.rms <= lockedRMSTarget
            && e.locked.maxAbs <= lockedMaxTarget && e.holdoverAtGapEnd.maxAbs <= holdoverTarget
            && e.coverage.percent(e.coverage.within3) >= coverageTarget
    }

    static func header(
        scenario s: PPSClockScenario,
        configuration c: ClockModel.Configuration,
        seeds: Int,
        firstSeed: UInt64
    ) -> String {
        """
        takt bench clock: PPS clock model vs simulated truth
        scenario: \(seeds) seeds from \(firstSeed) × \(s.seconds) s; jitter σ \(us(s.jitterNanoseconds)) (Gaussian); \
        drift \(f(s.driftPPM, 1)) ppm + random walk \(f(s.wanderPPBPerRootSecond, 2)) ppb/√s + \
        \(f(s.temperatureAmplitudePPB, 0)) ppb sine over \(f(s.temperaturePeriodSeconds, 0)) s; \
        \(f(s.outlierFraction * 100, 1)) % outliers uniform in ±\(us(s.outlierMagnitudeNanoseconds)); \
        \(s.gapSeconds) s PPS gap every \(s.gapEverySeconds) s; \(s.queriesPerSecond) queries/s
        model: assumed wander \(f(c.frequencyWanderPPBPerRootSecond, 2)) ppb/√s, gate \(f(c.outlierGateSigmas, 0))σ, \
        lock at σ ≤ \(f(c.lockSigmaFractionOfJitter, 2))·jitter after ≥ \(c.edgesToLock) edges
        """
    }

    static func render(_ e: PPSClockEvaluation, gated: Bool = true) -> String {
        func verdict(_ ok: Bool) -> String { gated ? (ok ? "PASS" : "FAIL") : "    " }
        let cov3 = e.coverage.percent(e.coverage.within3)
        let lines = [
            "                                  model        naive peer   ratio  LSQ-120 peer   ratio   target",
            row(
                "locked RMS error",
                e.locked.rms,
                e.naiveLocked.rms,
                e.windowLocked.rms,
                "≤ 1 µs",
                verdict(e.locked.rms <= lockedRMSTarget)
            ),
            row(
                "locked max |error|",
                e.locked.maxAbs,
                e.naiveLocked.maxAbs,
                e.windowLocked.maxAbs,
                "≤ 5 µs",
                verdict(e.locked.maxAbs <= lockedMaxTarget)
            ),
            row(
                "after 60 s holdover, max",
                e.holdoverAtGapEnd.maxAbs,
                e.naiveAtGapEnd.maxAbs,
                e.windowAtGapEnd.maxAbs,
                "≤ 100 µs",
                verdict(e.holdoverAtGapEnd.maxAbs <= holdoverTarget)
            ),
            row("after 60 s holdover, RMS", e.holdoverAtGapEnd.rms, e.naiveAtGapEnd.rms, e.windowAtGapEnd.rms, "", ""),
            "  stated σ at 60 s holdover (max) \(us(e.holdoverSigmaAtGapEndMax))",
            "  σ coverage (pps-locked + pps-holdover, n=\(e.coverage.count)): "
                + "|err| ≤ 1σ \(f(e.coverage.percent(e.coverage.within1), 1)) %, "
                + "≤ 2σ \(f(e.coverage.percent(e.coverage.within2), 1)) %, ≤ 3σ \(f(cov3, 2)) %   "
                + "target ≥ 99 % at 3σ \(verdict(cov3 >= coverageTarget))",
            "  samples: locked \(e.locked.count), holdover \(e.holdover.count) (max |err| \(us(e.holdover.maxAbs))), "
                + "message-only \(e.messageOnlySamples), host-only \(e.hostOnlySamples); gap ends \(e.holdoverAtGapEnd.count)",
            "  events: locks \(e.locksAcquired), lock losses \(e.lockLosses), relocks \(e.relocks), "
                + "steps \(e.stepsDetected) (expected 0); slowest first lock \(f(e.secondsToFirstLock ?? .nan, 0)) s",
            "  edges: used \(e.counters.edgesUsed), outliers rejected \(e.counters.outliersRejected), "
                + "other rejected \(e.counters.edgesRejected), labels rejected \(e.counters.labelsRejected)",
            gated ? "  overall: \(passes(e) ? "PASS" : "FAIL")" : "",
        ]
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// One figure for the model and both peers, with peer/model ratios (> 1 means the model is better).
    static func row(
        _ name: String,
        _ model: Double,
        _ naive: Double,
        _ window: Double,
        _ target: String,
        _ verdict: String
    ) -> String {
        func ratio(_ peer: Double) -> String { (model > 0 ? f(peer / model, peer / model < 10 ? 1 : 0) : "nan") + "×" }
        return "  " + name.padding(toLength: 30, withPad: " ", startingAt: 0) + us(model).leftPad(10) + "  "
            + us(naive).leftPad(11) + "  " + ratio(naive).leftPad(6) + "  " + us(window).leftPad(12) + "  "
            + ratio(window).leftPad(6) + "   " + target + " " + verdict
    }

    static func us(_ ns: Double) -> String { f(ns / 1_000, 3) + " µs" }

    static func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}

extension String {
    fileprivate func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
