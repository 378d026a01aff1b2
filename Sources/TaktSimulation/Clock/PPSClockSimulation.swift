import Foundation
public import TaktCore

/// A seeded simulated run: the true host→GPS mapping, the clock-model events a rig would produce (PPS edges with
/// jitter/outliers/gaps, TIM-TP and NAV-PVT labels, UBX message times, ticks) and query points with their truth.
///
/// The truth is the host instant of every true GPS second; between seconds the host frequency is constant, so the
/// true mapping is linear within each second. The model is judged against this mapping, not the noisy edges.
public struct PPSClockSimulation: Sendable {
    public enum Item: Sendable {
        case event(ClockModelEvent)
        /// Compare the model at `host` with the true GPS time; `holdoverCheck` marks the last instant of a gap.
        case query(host: MonotonicInstant, truth: GPSTime, holdoverCheck: Bool)
        /// The raw edge as a naive peer would use it (observed stamp and its true label).
        case rawEdge(host: MonotonicInstant, label: GPSTime)

        public var host: MonotonicInstant {
            switch self {
            case .event(let e):
                switch e {
                case .ppsEdge(let x): x.host
                case .ppsLabel(let x): x.receivedAt
                case .messageTime(let x): x.receivedAt
                case .leapSeconds(let x): x.receivedAt
                case .wallClock(let x): x.at
                case .tick(let x): x
                }
            case .query(let h, _, _): h
            case .rawEdge(let h, _): h
            }
        }
    }

    public let scenario: PPSClockScenario
    public let seed: UInt64
    /// Host instant of true GPS second k (k = 0 … seconds), ns as Double to keep sub-ns truth.
    public private(set) var trueHost: [Double] = []
    public let startGPS: GPSTime
    public private(set) var items: [Item] = []

    public init(
        scenario: PPSClockScenario,
        seed: UInt64,
        startGPS: GPSTime = GPSTime(week: 2400, timeOfWeekNanoseconds: 100_000_000_000_000)
    ) {
        self.scenario = scenario
        self.seed = seed
        self.startGPS = startGPS
        var rng = SeededGenerator(seed: seed)
        buildTruth(&rng)
        buildItems(&rng)
    }

    private mutating func buildTruth(_ rng: inout SeededGenerator) {
        let s = scenario
        var host = 1_000e9 + Double(rng.next() % 1_000_000_000)
        var walk = 0.0
        let phase = Double.random(in: 0..<(2 * Double.pi), using: &rng)
        trueHost.reserveCapacity(s.seconds + 2)
        for k in 0...(s.seconds + 1) {
            trueHost.append(host)
            let temperature =
                s.temperatureAmplitudePPB * sin(2 * Double.pi * Double(k) / s.temperaturePeriodSeconds + phase)
            let y = s.driftPPM * 1e-6 + (walk + temperature) * 1e-9
            host += 1e9 * (1 + y)
            walk += s.wanderPPBPerRootSecond * rng.gaussian()
        }
    }

    private mutating func buildItems(_ rng: inout SeededGenerator) {
        let s = scenario
        var out: [Item] = []
        let start = startGPS.nanosecondsSinceEpoch
        for k in 0..<s.seconds {
            let label = GPSTime(nanosecondsSinceEpoch: start + Int64(k) * 1_000_000_000)
            let h0 = trueHost[k]
            let h1 = trueHost[k + 1]
            if k > 0 {
                // TIM-TP for this pulse arrives during the previous second.
                let at = trueHost[k - 1] + Double.random(in: 0.05e9...0.5e9, using: &rng)
                out.append(
                    .event(
                        .ppsLabel(
                            PPSLabel(
                                gps: label,
                                receivedAt: instant(at),
                                source: .ubxTimTP,
                                quantisationErrorPicoseconds: Int32.random(in: -5_000...5_000, using: &rng)
                            )
                        )
                    )
                )
            }
            if !s.inGap(k) {
                var stamp = h0 + Double(s.cableDelayNanoseconds) + s.jitterNanoseconds * rng.gaussian()
                if Double.random(in: 0..<1, using: &rng) < s.outlierFraction {
                    stamp += Double.random(
                        in: -s.outlierMagnitudeNanoseconds...s.outlierMagnitudeNanoseconds,
                        using: &rng
                    )
                }
                out.append(.event(.ppsEdge(PPSEdge(host: instant(stamp), source: .simulated))))
                out.append(.rawEdge(host: instant(stamp), label: label))
            }
            let pvtAt = h0 + Double.random(in: 20e6...80e6, using: &rng)
            out.append(.event(.ppsLabel(PPSLabel(gps: label, receivedAt: instant(pvtAt), source: .ubxNavPVT))))
            out.append(.event(.messageTime(GNSSMessageTime(gps: label, receivedAt: instant(pvtAt), source: .ubx))))
            out.append(.event(.tick(instant(h0 + 0.5e9))))
            for _ in 0..<s.queriesPerSecond {
                out.append(query(k: k, u: Double.random(in: 0..<1, using: &rng), h0: h0, h1: h1, holdover: false))
            }
            if s.isLastSecondOfGap(k) { out.append(query(k: k, u: 0.999, h0: h0, h1: h1, holdover: true)) }
        }
        out.sort { $0.host < $1.host }
        items = out
    }

    private func query(k: Int, u: Double, h0: Double, h1: Double, holdover: Bool) -> Item {
        let offset = Int64((u * 1e9).rounded())
        let truth = GPSTime(nanosecondsSinceEpoch: startGPS.nanosecondsSinceEpoch + Int64(k) * 1_000_000_000 + offset)
        // The host instant is rounded to a whole ns; the truth follows it exactly along the linear segment.
        let hostExact = h0 + (h1 - h0) * Double(offset) / 1e9
        let host = hostExact.rounded()
        let correction = (host - hostExact) * 1e9 / (h1 - h0)
        return .query(
            host: MonotonicInstant(nanoseconds: Int64(host)),
            truth: GPSTime(nanosecondsSinceEpoch: truth.nanosecondsSinceEpoch + Int64(correction.rounded())),
            holdoverCheck: holdover
        )
    }

    private func instant(_ ns: Double) -> MonotonicInstant { MonotonicInstant(nanoseconds: Int64(ns.rounded())) }
}
