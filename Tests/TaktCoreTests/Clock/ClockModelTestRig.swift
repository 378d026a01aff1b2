import Foundation
import TaktCore

/// A tiny seeded truth for clock-model tests: a host clock running `drift` fast against GPS, edges with Gaussian
/// jitter, post-edge NAV-PVT labels. Independent of the benchmark's simulator in TaktSimulation on purpose.
struct ClockModelTestRig {
    var drift = 20e-6
    var jitter = 5_000.0
    var cableDelay: Int64 = 0
    var hostStart = 7_000_000_000_000.0
    let gpsStart = GPSTime(week: 2400, timeOfWeekNanoseconds: 0).nanosecondsSinceEpoch
    var rng: TestRandom

    init(seed: UInt64, drift: Double = 20e-6, jitter: Double = 5_000) {
        self.rng = TestRandom(seed: seed)
        self.drift = drift
        self.jitter = jitter
    }

    /// True host instant of GPS second k (fractional k allowed), ns.
    func trueHost(_ k: Double) -> Double { hostStart + k * 1e9 * (1 + drift) }

    /// True GPS time at a host instant.
    func truth(_ host: MonotonicInstant) -> Int64 {
        let k = (Double(host.nanoseconds) - hostStart) / (1e9 * (1 + drift))
        return gpsStart + Int64((k * 1e9).rounded())
    }

    func label(_ k: Int) -> GPSTime { GPSTime(nanosecondsSinceEpoch: gpsStart + Int64(k) * 1_000_000_000) }

    func instant(_ ns: Double) -> MonotonicInstant { MonotonicInstant(nanoseconds: Int64(ns.rounded())) }

    /// The edge of second k as stamped (jitter, cable delay, plus `extra` ns).
    mutating func edge(_ k: Int, extra: Double = 0) -> ClockModelEvent {
        let stamp = trueHost(Double(k)) + jitter * rng.gaussian() + Double(cableDelay) + extra
        return .ppsEdge(PPSEdge(host: instant(stamp), source: .simulated))
    }

    /// NAV-PVT naming second k, arriving `delay` s after the true edge.
    func navPVT(_ k: Int, delay: Double = 0.1, labelShift: Int = 0) -> ClockModelEvent {
        .ppsLabel(
            PPSLabel(gps: label(k + labelShift), receivedAt: instant(trueHost(Double(k) + delay)), source: .ubxNavPVT)
        )
    }

    /// Edge + label for each second in `range`.
    mutating func seconds(_ range: Range<Int>) -> [ClockModelEvent] {
        range.flatMap { k in [edge(k), navPVT(k)] }
    }
}

/// SplitMix64 with Box–Muller, for reproducible test noise.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func gaussian() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

extension ClockModel {
    /// Feeds every event, returning all actions in order.
    mutating func feed(_ events: [ClockModelEvent]) -> [ClockModelAction] {
        events.flatMap { handle($0) }
    }
}

extension ClockModelAction {
    var isLockAcquired: Bool { if case .lockAcquired = self { true } else { false } }
    var isLockLost: Bool { if case .lockLost = self { true } else { false } }
    var isRelocked: Bool { if case .relocked = self { true } else { false } }
    var stepChange: Int64? { if case .stepDetected(_, let c) = self { c } else { nil } }
    var edgeRejection: EdgeRejection? { if case .edgeRejected(_, let r) = self { r } else { nil } }
    var labelRejection: LabelRejection? { if case .labelRejected(_, let r) = self { r } else { nil } }
}
