import Foundation

/// Figures of `takt bench writer`: per-round throughput of Takt and dd, medians and their ratio.
struct WriterBenchResult: Encodable {
    struct Round: Encodable {
        var bytes: Int64
        var taktSeconds: Double
        /// Session/segment open and BagIt close, not part of the sustained rate.
        var taktOpenCloseSeconds: Double
        var ddSeconds: Double
        var taktMBps: Double { Double(bytes) / 1e6 / max(taktSeconds, 1e-9) }
        var ddMBps: Double { Double(bytes) / 1e6 / max(ddSeconds, 1e-9) }
    }

    var seconds: Int
    var target: Double
    var rounds: [Round] = []

    var medianTaktMBps: Double { Self.median(rounds.map(\.taktMBps)) }
    var medianDDMBps: Double { Self.median(rounds.map(\.ddMBps)) }
    var ratio: Double { medianDDMBps > 0 ? medianTaktMBps / medianDDMBps : 0 }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    enum CodingKeys: String, CodingKey { case seconds, target, rounds, medianTaktMBps, medianDDMBps, ratio }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(target, forKey: .target)
        try c.encode(rounds, forKey: .rounds)
        try c.encode(medianTaktMBps, forKey: .medianTaktMBps)
        try c.encode(medianDDMBps, forKey: .medianDDMBps)
        try c.encode(ratio, forKey: .ratio)
    }
}

enum WriterBenchReport {
    static func render(_ r: WriterBenchResult, workload: WriterWorkload, directory: String) -> String {
        let rate = workload.streams.reduce(0) { $0 + $1.perSecond * $1.bytes }
        var lines = [
            "Bundle writer vs dd on \(directory): \(r.seconds) s of data per round, 1 MiB writes and one fdatasync per second of data",
            String(format: "workload: %.1f MB per second of data:", Double(rate) / 1e6),
        ]
        for s in workload.streams {
            let name = s.name.padding(toLength: 20, withPad: " ", startingAt: 0)
            lines.append("  " + name + String(format: " %5d/s × %6d B", s.perSecond, s.bytes))
        }
        for (i, round) in r.rounds.enumerated() {
            lines.append(
                String(
                    format: "round %d: %.1f MB; takt %.1f MB/s (%.2f s + %.2f s open/close), dd %.1f MB/s (%.2f s)",
                    i + 1, Double(round.bytes) / 1e6, round.taktMBps, round.taktSeconds, round.taktOpenCloseSeconds,
                    round.ddMBps, round.ddSeconds))
        }
        let verdict = r.ratio >= r.target ? "PASS" : "FAIL"
        lines.append(
            String(
                format: "median: takt %.1f MB/s, dd %.1f MB/s, ratio takt/dd %.2f (target ≥ %.2f): %@",
                r.medianTaktMBps,
                r.medianDDMBps, r.ratio, r.target, verdict))
        return lines.joined(separator: "\n")
    }
}
