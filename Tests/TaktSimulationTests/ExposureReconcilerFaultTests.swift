import Testing
import TaktCore
@testable import TaktSimulation

/// The reconciler against TIM-TM2 marks built by pyubx2 and decoded by Takt's GNSS stream decoder in random
/// chunks, with injected faults (dropped, duplicated, stray marks; triggers without an edge): every fault
/// detected and reported as what it is, no mark ever assigned to the wrong trigger, matched times ≤ 1 µs.
@Suite struct ExposureReconcilerFaultTests {
    func run(_ scenario: MarkFaultScenario, seed: UInt64) throws -> MarkFaultRun {
        let plan = scenario.plan(seed: seed)
        let frames = try TimTM2Frames.frames(plan.marks)
        #expect(frames.count == plan.marks.count)
        // Takt's own simulator encoder writes the same bytes as pyubx2.
        #expect(frames == plan.marks.map { UBXEncoder.timTM2(count: $0.count, rising: $0.rising) })
        let decoded = TimTM2Frames.decode(frames.flatMap { $0 }, seed: seed)
        #expect(decoded.count == plan.marks.count, "every pyubx2 frame decodes through GNSSStreamDecoder")
        return MarkFaultRun(scenario: scenario, plan: plan, decoded: decoded)
    }

    @Test(arguments: [11, 12, 13] as [UInt64]) func everyFaultDetectedNoneMisassigned(seed: UInt64) throws {
        let scenario = MarkFaultScenario()
        let run = try run(scenario, seed: seed)
        #expect(run.records.count == scenario.triggers && run.duplicateRecords == 0)
        for fault in [MarkFaultScenario.Fault.dropped, .duplicated, .stray, .noEdge] {
            #expect(run.injected(fault) >= 5, "the seed injects enough \(fault) faults")
        }
        #expect(run.detectedFaults == run.injectedFaults, "100 % detected")
        #expect(run.misassigned == 0)
        #expect(run.unmatchedClean == 0)
        #expect(run.falseAlarms == 0, "\(run.anomalies)")
        #expect(run.maxExposureErrorNanoseconds <= 1_000)
        for (seq, fault) in run.plan.faults where fault == .dropped {
            #expect(run.records[seq]?.source == .commandLatency, "a lost mark falls back to command + latency")
        }
        #expect(run.records.values.allSatisfy { $0.imageFile == "img/cam0/\($0.seq).jpg" })
    }

    /// The same faults with every command stamp 120 ms off (six narrow windows): the learned centre and the
    /// counter-checked acquisition window keep every mark on its own trigger.
    @Test(arguments: [11, 12, 13] as [UInt64]) func steadyStampErrorStillNoneMisassigned(seed: UInt64) throws {
        var scenario = MarkFaultScenario()
        scenario.commandStampError = .milliseconds(120)
        scenario.acquisitionWindow = .milliseconds(160)
        let run = try run(scenario, seed: seed)
        #expect(run.records.count == scenario.triggers && run.duplicateRecords == 0)
        #expect(run.detectedFaults == run.injectedFaults, "100 % detected")
        #expect(run.misassigned == 0)
        #expect(run.unmatchedClean == 0)
        #expect(run.falseAlarms == 0, "\(run.anomalies)")
        #expect(run.maxExposureErrorNanoseconds <= 1_000)
    }

    @Test func cleanRunMatchesEveryTrigger() throws {
        var scenario = MarkFaultScenario()
        scenario.faultProbability = 0
        scenario.triggers = 100
        let run = try run(scenario, seed: 1)
        #expect(run.anomalies.isEmpty)
        #expect(run.records.values.allSatisfy { $0.markStatus == .matched && $0.source == .eventMark })
        #expect(run.maxExposureErrorNanoseconds == 0)
    }
}
