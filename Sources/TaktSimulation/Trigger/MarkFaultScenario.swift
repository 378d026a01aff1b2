public import TaktCore

/// A camera run with a trigger box and TIM-TM2 loop-back, with seeded faults injected into the mark stream:
/// dropped marks (two edges in one epoch), duplicated frames, stray edges and triggers that produced no edge.
/// Faults are kept at least three triggers apart so each has exactly one right classification.
public struct MarkFaultScenario: Sendable {
    public enum Fault: Sendable, Equatable { case dropped, duplicated, stray, noEdge }

    public var triggers = 400
    public var start = GPSTime(week: 2_400, timeOfWeekNanoseconds: 300_000 * 1_000_000_000)
    public var period: Duration = .milliseconds(360)
    public var latency: Duration = .milliseconds(3)
    public var firstCount: UInt16 = 65_450
    public var faultProbability = 0.25
    /// A steady error of the daemon's GPS stamps of the commands (message-time latency before PPS lock).
    public var commandStampError: Duration = .zero
    /// The reconciler's acquisition window for the run (nil: narrow window only).
    public var acquisitionWindow: Duration?

    /// Truth: command time and exposure (edge) time per seq, faults per seq, and the marks as the receiver sends
    /// them (with arrival times for ordering).
    public struct Mark: Sendable {
        public var arrival: GPSTime
        public var count: UInt16
        public var rising: GPSTime
    }

    public struct Plan: Sendable {
        public var commands: [UInt32: GPSTime] = [:]
        public var exposures: [UInt32: GPSTime] = [:]
        public var faults: [UInt32: Fault] = [:]
        public var marks: [Mark] = []
    }

    public init() {}

    public func plan(seed: UInt64) -> Plan {
        var rng = SeededGenerator(seed: seed)
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
            let mark = Mark(arrival: arrival, count: count, rising: exposure)
            if fault != .dropped { plan.marks.append(mark) }
            if fault == .duplicated { plan.marks.append(Mark(arrival: arrival + .milliseconds(1), count: count, rising: exposure)) }
            if fault == .stray {
                count &+= 1
                let strayTime = command + period / 2
                plan.marks.append(Mark(arrival: nextEpoch(after: strayTime), count: count, rising: strayTime))
            }
        }
        return plan
    }

    func nextEpoch(after t: GPSTime) -> GPSTime {
        let step: Int64 = 100_000_000
        return GPSTime(nanosecondsSinceEpoch: (t.nanosecondsSinceEpoch / step + 1) * step)
    }
}
