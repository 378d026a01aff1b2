import TaktCore

/// A camera run with a trigger box and TIM-TM2 loop-back, with seeded faults injected into the mark stream:
/// dropped marks (two edges in one epoch), duplicated frames, stray edges and triggers that produced no edge.
/// Faults are kept at least three triggers apart so each has exactly one right classification.
struct MarkFaultScenario {
    enum Fault: Equatable { case dropped, duplicated, stray, noEdge }

    var triggers = 400
    var start = GPSTime(week: 2_400, timeOfWeekNanoseconds: 300_000 * 1_000_000_000)
    var period: Duration = .milliseconds(360)
    var latency: Duration = .milliseconds(3)
    var firstCount: UInt16 = 65_450
    var faultProbability = 0.25

    /// Truth: command time and exposure (edge) time per seq, faults per seq, and the marks as the receiver sends
    /// them (with arrival times for ordering).
    struct Plan {
        var commands: [UInt32: GPSTime] = [:]
        var exposures: [UInt32: GPSTime] = [:]
        var faults: [UInt32: Fault] = [:]
        var marks: [(arrival: GPSTime, spec: TimTM2Frames.Spec)] = []
    }

    func plan(seed: UInt64) -> Plan {
        var rng = SeededRandom(seed: seed)
        var plan = Plan()
        var count = firstCount &- 1
        var cooldown = 0
        for k in 1...UInt32(triggers) {
            let command = start + period * Int(k) + .microseconds(Int.random(in: -300...300, using: &rng))
            let exposure = command + latency + .nanoseconds(Int64.random(in: -400_000...400_000, using: &rng))
            plan.commands[k] = command
            plan.exposures[k] = exposure
            var fault: Fault?
            // No faults on the last triggers: a dropped final mark can only be "missing", not "lost".
            if cooldown == 0, k > 2, k < UInt32(triggers) - 3, Double.random(in: 0..<1, using: &rng) < faultProbability {
                fault = [.dropped, .duplicated, .stray, .noEdge][Int.random(in: 0..<4, using: &rng)]
                cooldown = 3
            } else if cooldown > 0 {
                cooldown -= 1
            }
            plan.faults[k] = fault
            if fault == .noEdge { continue }
            count &+= 1
            // TIM-TM2 goes out with the next navigation epoch (10 Hz).
            let arrival = nextEpoch(after: exposure)
            let spec = TimTM2Frames.Spec(count: count, rising: exposure)
            if fault != .dropped { plan.marks.append((arrival, spec)) }
            if fault == .duplicated { plan.marks.append((arrival + .milliseconds(1), spec)) }
            if fault == .stray {
                count &+= 1
                let strayTime = command + period / 2
                plan.marks.append((nextEpoch(after: strayTime), TimTM2Frames.Spec(count: count, rising: strayTime)))
            }
        }
        return plan
    }

    func nextEpoch(after t: GPSTime) -> GPSTime {
        let step: Int64 = 100_000_000
        return GPSTime(nanosecondsSinceEpoch: (t.nanosecondsSinceEpoch / step + 1) * step)
    }
}
