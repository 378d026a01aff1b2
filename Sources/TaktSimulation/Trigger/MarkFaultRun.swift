public import TaktCore

/// A `MarkFaultScenario` plan pushed through `ExposureReconciler` the way the daemon would: commands at their
/// time, each TIM-TM2 at the navigation epoch after its edge, images 1.5 s later, 100 ms ticks. The figures are
/// the acceptance criteria's: exposure-time error of matched marks, faults detected, marks mis-assigned.
public struct MarkFaultRun: Sendable {
    public var plan: MarkFaultScenario.Plan
    public var records: [UInt32: ExposureRecord] = [:]
    public var anomalies: [ExposureAnomaly] = []
    /// A seq finalised twice (must never happen).
    public var duplicateRecords = 0

    /// `decoded` holds the TIM-TM2 messages of `plan.marks`, in order, as read back from the receiver stream.
    public init(scenario: MarkFaultScenario, plan: MarkFaultScenario.Plan, decoded: [UBXTimTM2], leapSeconds: Int = 18) {
        self.plan = plan
        var events: [(GPSTime, Int, ExposureEvent)] = []
        for (seq, c) in plan.commands {
            let stamp = StampedTime(gps: c + scenario.commandStampError, provenance: .ppsLocked, sigmaNanoseconds: 2_000)
            events.append((c, 0, .commanded(seq: seq, at: stamp)))
            events.append((c + .milliseconds(1500), 2, .image(DeliveredImage(seq: seq, file: "img/cam0/\(seq).jpg"))))
        }
        for (i, tm2) in decoded.enumerated() where i < plan.marks.count {
            events.append((plan.marks[i].arrival, 1, .mark(TimeMark(tm2, leapSeconds: leapSeconds))))
        }
        let end = scenario.start + scenario.period * (scenario.triggers + 10)
        var t = scenario.start
        while t < end {
            events.append((t, 3, .tick(t)))
            t = t + .milliseconds(100)
        }
        events.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var reconciler = ExposureReconciler(
            configuration: .init(
                commandLatency: scenario.latency, markWindow: .milliseconds(20),
                acquisitionWindow: scenario.acquisitionWindow))
        for (_, _, e) in events { collect(reconciler.handle(e)) }
        collect(reconciler.handle(.finish))
    }

    private mutating func collect(_ outputs: [ExposureOutput]) {
        for o in outputs {
            switch o {
            case .record(let r):
                if records[r.seq] != nil { duplicateRecords += 1 }
                records[r.seq] = r
            case .anomaly(let a): anomalies.append(a)
            }
        }
    }

    public func injected(_ fault: MarkFaultScenario.Fault) -> Int { plan.faults.values.filter { $0 == fault }.count }

    /// Injected faults that were reported as exactly what they are.
    public var detectedFaults: Int {
        var n = 0
        for (seq, fault) in plan.faults {
            switch fault {
            case .dropped: if anomalies.contains(.markLost(seq: seq)) && records[seq]?.markStatus == .lost { n += 1 }
            case .noEdge: if anomalies.contains(.noEdge(seq: seq)) && records[seq]?.markStatus == .noEdge { n += 1 }
            case .duplicated, .stray: break
            }
        }
        let dupes = anomalies.filter { if case .duplicateMark = $0 { true } else { false } }.count
        let strays = anomalies.filter { if case .unexpectedMark = $0 { true } else { false } }.count
        return n + min(dupes, injected(.duplicated)) + min(strays, injected(.stray))
    }

    public var injectedFaults: Int { plan.faults.count }

    /// Matched records whose time is not their own trigger's edge.
    public var misassigned: Int {
        records.values.filter { $0.markStatus == .matched && $0.exposureTime.gps != plan.exposures[$0.seq] }.count
    }

    /// Triggers with an intact mark that were not matched.
    public var unmatchedClean: Int {
        records.filter { seq, r in plan.faults[seq] == nil && r.markStatus != .matched }.count
    }

    /// Largest |exposure time − truth| over matched records, ns.
    public var maxExposureErrorNanoseconds: Int64 {
        records.values.filter { $0.markStatus == .matched }.compactMap { r in
            plan.exposures[r.seq].map { abs(r.exposureTime.gps.nanosecondsSinceEpoch - $0.nanosecondsSinceEpoch) }
        }.max() ?? 0
    }

    /// Anomalies no injected fault explains (a noEdge fault legitimately also yields one `counterSlip`).
    public var falseAlarms: Int {
        let explained: Int = plan.faults.values.filter { $0 == .noEdge }.count
        let slips = anomalies.filter { if case .counterSlip = $0 { true } else { false } }.count
        let other = anomalies.filter {
            switch $0 {
            case .markLost, .noEdge, .duplicateMark, .unexpectedMark, .counterSlip: false
            default: true
            }
        }.count
        return max(0, slips - explained) + other
    }
}
