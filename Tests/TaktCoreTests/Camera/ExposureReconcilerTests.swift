import Testing
import TaktCore

/// The reconciler against marks built by pyubx2 and decoded by Takt's GNSS stream decoder, with injected faults:
/// every fault detected and reported, no mark ever assigned to the wrong trigger.
@Suite struct ExposureReconcilerTests {
    struct Outcome {
        var records: [UInt32: ExposureRecord] = [:]
        var anomalies: [ExposureAnomaly] = []
    }

    func run(_ scenario: MarkFaultScenario, seed: UInt64) throws -> (MarkFaultScenario.Plan, Outcome) {
        let plan = scenario.plan(seed: seed)
        let frames = try TimTM2Frames.frames(plan.marks.map(\.spec))
        #expect(frames.count == plan.marks.count)
        let decoded = TimTM2Frames.decode(frames.flatMap { $0 }, seed: seed)
        #expect(decoded.count == plan.marks.count, "every pyubx2 frame decodes through GNSSStreamDecoder")

        // Merge commands, marks (at their epoch), images (1.5 s later) and 100 ms ticks by arrival time.
        var events: [(GPSTime, Int, ExposureEvent)] = []
        for (seq, c) in plan.commands {
            events.append((c, 0, .commanded(seq: seq, at: StampedTime(gps: c, provenance: .ppsLocked, sigmaNanoseconds: 2_000))))
            events.append((c + .milliseconds(1500), 2, .image(CameraImage(seq: seq, file: "img/cam0/\(seq).jpg"))))
        }
        for (i, tm2) in decoded.enumerated() {
            events.append((plan.marks[i].arrival, 1, .mark(TimeMark(tm2, leapSeconds: 18))))
        }
        let end = scenario.start + scenario.period * (scenario.triggers + 10)
        var t = scenario.start
        while t < end {
            events.append((t, 3, .tick(t)))
            t = t + .milliseconds(100)
        }
        events.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var reconciler = ExposureReconciler(configuration: .init(commandLatency: scenario.latency, markWindow: .milliseconds(20)))
        var outcome = Outcome()
        for (_, _, e) in events {
            for o in reconciler.handle(e) { collect(o, into: &outcome) }
        }
        for o in reconciler.handle(.finish) { collect(o, into: &outcome) }
        return (plan, outcome)
    }

    func collect(_ o: ExposureOutput, into outcome: inout Outcome) {
        switch o {
        case .record(let r):
            #expect(outcome.records[r.seq] == nil, "seq \(r.seq) finalised twice")
            outcome.records[r.seq] = r
        case .anomaly(let a): outcome.anomalies.append(a)
        }
    }

    @Test(arguments: [11, 12, 13] as [UInt64]) func everyFaultDetectedNoneMisassigned(seed: UInt64) throws {
        let scenario = MarkFaultScenario()
        let (plan, outcome) = try run(scenario, seed: seed)
        #expect(outcome.records.count == scenario.triggers)
        let faults = plan.faults
        #expect(faults.values.filter { $0 == .dropped }.count >= 5, "the seed injects each kind of fault")
        #expect(faults.values.filter { $0 == .noEdge }.count >= 5)

        var maxErrorNs: Int64 = 0
        for (seq, r) in outcome.records {
            switch faults[seq] {
            case .dropped:
                #expect(r.markStatus == .lost && r.source == .commandLatency, "seq \(seq): \(r.markStatus)")
                #expect(outcome.anomalies.contains(.markLost(seq: seq)))
            case .noEdge:
                #expect(r.markStatus == .noEdge, "seq \(seq): \(r.markStatus)")
                #expect(outcome.anomalies.contains(.noEdge(seq: seq)))
            default:
                #expect(r.markStatus == .matched && r.source == .eventMark, "seq \(seq): \(r.markStatus)")
            }
            if r.markStatus == .matched, let truth = plan.exposures[seq] {
                let err = abs(r.exposureTime.gps.nanosecondsSinceEpoch - truth.nanosecondsSinceEpoch)
                maxErrorNs = max(maxErrorNs, err)
            }
            #expect(r.imageFile == "img/cam0/\(seq).jpg")
        }
        // Exposure time from the mark: ≤ 1 µs against truth (TIM-TM2 carries ns; nothing may round it).
        #expect(maxErrorNs <= 1_000)
        // Zero mis-assignments: no matched record carries a time other than its own trigger's edge.
        let misassigned = outcome.records.values.filter {
            $0.markStatus == .matched && $0.exposureTime.gps != plan.exposures[$0.seq]
        }
        #expect(misassigned.isEmpty)
        // Duplicates and strays are each reported exactly once.
        let dupes = outcome.anomalies.filter { if case .duplicateMark = $0 { true } else { false } }.count
        let strays = outcome.anomalies.filter { if case .unexpectedMark = $0 { true } else { false } }.count
        #expect(dupes == faults.values.filter { $0 == .duplicated }.count)
        #expect(strays == faults.values.filter { $0 == .stray }.count)
        let lost = outcome.anomalies.filter { if case .markLost = $0 { true } else { false } }.count
        #expect(lost == faults.values.filter { $0 == .dropped }.count)
        let missing = outcome.anomalies.filter { if case .markMissing = $0 { true } else { false } }
        #expect(missing.isEmpty)
    }

    @Test func cleanRunMatchesEveryTrigger() throws {
        var scenario = MarkFaultScenario()
        scenario.faultProbability = 0
        scenario.triggers = 100
        let (_, outcome) = try run(scenario, seed: 1)
        #expect(outcome.anomalies.isEmpty)
        #expect(outcome.records.values.allSatisfy { $0.markStatus == .matched })
    }
}
