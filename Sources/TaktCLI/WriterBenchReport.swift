import Foundation

/// Figures of `takt bench writer`: per-round throughput of Takt and dd, medians and their ratio.
struct WriterBenchResult: Encodable {
    struct Round: Encodable {
        /// Whether dd wrote first this round (on the previous round's bytes).
        var ddFirst: Bool
        /// Bytes Takt wrote in the timed part, and bytes dd wrote (the same count, from the same workload).
        var bytes: Int64
        var ddBytes: Int64
        var taktSeconds: Double
        /// CPU seconds of the timed part, every thread (the SHA-256 thread included).
        var taktCPUSeconds: Double
        /// Session/segment open and BagIt close, not part of the sustained rate.
        var taktOpenCloseSeconds: Double
        var ddSeconds: Double
        /// CPU seconds of the dd processes (start-up included, which their reported time excludes).
        var ddCPUSeconds: Double
        var taktMBps: Double { Double(bytes) / 1e6 / max(taktSeconds, 1e-9) }
        var ddMBps: Double { Double(ddBytes) / 1e6 / max(ddSeconds, 1e-9) }
        var ratio: Double { ddMBps > 0 ? taktMBps / ddMBps : 0 }

        enum CodingKeys: String, CodingKey {
            case ddFirst, bytes, ddBytes, taktSeconds, taktCPUSeconds, taktOpenCloseSeconds, ddSeconds, ddCPUSeconds
            case taktMBps, ddMBps, ratio
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ddFirst, forKey: .ddFirst)
            try c.encode(bytes, forKey: .bytes)
            try c.encode(ddBytes, forKey: .ddBytes)
            try c.encode(taktSeconds, forKey: .taktSeconds)
            try c.encode(taktCPUSeconds, forKey: .taktCPUSeconds)
            try c.encode(taktOpenCloseSeconds, forKey: .taktOpenCloseSeconds)
            try c.encode(ddSeconds, forKey: .ddSeconds)
            try c.encode(ddCPUSeconds, forKey: .ddCPUSeconds)
            try c.encode(taktMBps, forKey: .taktMBps)
            try c.encode(ddMBps, forKey: .ddMBps)
            try c.encode(ratio, forKey: .ratio)
        }
    }

    var seconds: Int
    var target: Double
    /// How dd was run: "one file per Takt stream" (same policy) or "one file" (cheaper).
    var ddPolicy = "one file per Takt stream"
    var environment: BenchEnvironment
    var rounds: [Round] = []

    var medianTaktMBps: Double { Self.median(rounds.map(\.taktMBps)) }
    var medianDDMBps: Double { Self.median(rounds.map(\.ddMBps)) }
    /// Median of the per-round ratios (each round's two sides ran back to back under the same conditions).
    var ratio: Double { Self.median(rounds.map(\.ratio)) }
    var minimumRatio: Double { rounds.map(\.ratio).min() ?? 0 }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    enum CodingKeys: String, CodingKey {
        case seconds, target, environment, rounds, medianTaktMBps, medianDDMBps, ratio, minimumRatio
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(target, forKey: .target)
        try c.encode(environment, forKey: .environment)
        try c.encode(rounds, forKey: .rounds)
        try c.encode(medianTaktMBps, forKey: .medianTaktMBps)
        try c.encode(medianDDMBps, forKey: .medianDDMBps)
        try c.encode(ratio, forKey: .ratio)
        try c.encode(minimumRatio, forKey: .minimumRatio)
    }
}

enum WriterBenchReport {
    static func render(_ r: WriterBenchResult, workload: WriterWorkload, directory: String) -> String {
        let rate = workload.streams.reduce(0) { $0 + $1.perSecond * $1.bytes }
        var lines = [
            "Bundle writer vs dd on \(directory): \(r.seconds) s of data per round, 1 MiB writes, one fdatasync per file per second of data (dd: \(r.ddPolicy))",
            String(format: "workload: %.1f MB per second of data:", Double(rate) / 1e6),
        ]
        for s in workload.streams {
            let name = s.name.padding(toLength: 20, withPad: " ", startingAt: 0)
            lines.append("  " + name + String(format: " %5d/s × %6d B", s.perSecond, s.bytes))
        }
        lines += r.environment.lines
        lines.append("round  first   MB      takt MB/s (s, CPU s)     dd MB/s (s, CPU s)      ratio")
        for (i, round) in r.rounds.enumerated() {
            lines.append(
                String(
                    format: "%5d  %@  %6.1f  %7.1f (%5.2f, %5.2f)  %7.1f (%5.2f, %5.2f)  %5.2f",
                    i + 1, round.ddFirst ? "dd  " : "takt", Double(round.bytes) / 1e6, round.taktMBps,
                    round.taktSeconds, round.taktCPUSeconds, round.ddMBps, round.ddSeconds, round.ddCPUSeconds,
                    round.ratio))
        }
        let verdict = r.ratio >= r.target ? "PASS" : "FAIL"
        lines.append(
            String(
                format: "median: takt %.1f MB/s, dd %.1f MB/s; ratio takt/dd per round: median %.2f, min %.2f (target ≥ %.2f on the median): %@",
                r.medianTaktMBps, r.medianDDMBps, r.ratio, r.minimumRatio, r.target, verdict))
        return lines.joined(separator: "\n")
    }
}
