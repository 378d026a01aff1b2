public import ArgumentParser
import Foundation
import TaktCore
import TaktSimulation

extension Takt.Bench {
    /// Clock-model accuracy against a simulated truth (the acceptance scenario), with a naive peer in the
    /// same run. Prints figures and PASS/FAIL per target; exits 1 if a target fails.
    public struct Clock: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "PPS clock-model accuracy against simulated truth (5 µs jitter, 20 ppm, outliers, 60 s gaps)."
        )

        @Option(help: "Number of seeds (independent runs).")
        var seeds: Int = 5
        @Option(help: "Simulated hours per run.")
        var hours: Double = 2
        @Option(help: "First seed.")
        var firstSeed: UInt64 = 1
        @Option(help: "Simulated oscillator random walk, ppb/√s (default: the acceptance scenario's).")
        var wander: Double?
        @Option(help: "Simulated temperature-like frequency sine amplitude, ppb.")
        var temperaturePpb: Double?
        @Option(help: "Simulated one-sigma edge jitter, ns (default 5000).")
        var jitterNs: Double?
        @Option(help: "Frequency wander the model assumes, ppb/√s (default: the model's default).")
        var modelWander: Double?
        @Flag(help: "Also run a stress case whose oscillator wanders 3× more than the model assumes (not gated).")
        var stress = false
        @Flag(help: "Print the pooled figures as JSON.")
        var json = false

        public init() {}

        public func validate() throws {
            guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
            guard hours > 0.1, hours <= 48 else { throw ValidationError("--hours must be in (0.1, 48]") }
        }

        public func run() async throws {
            let report = Self.report(
                seeds: seeds,
                hours: hours,
                firstSeed: firstSeed,
                jitter: jitterNs,
                wander: wander,
                temperaturePPB: temperaturePpb,
                modelWander: modelWander,
                stress: stress,
                json: json
            )
            print(report.text)
            if !report.passed { throw ExitCode(TaktExit.checkFailed) }
        }

        /// Runs the scenario over the seeds and renders the report; `passed` is the gated verdict.
        static func report(
            seeds: Int,
            hours: Double,
            firstSeed: UInt64,
            jitter: Double? = nil,
            wander: Double? = nil,
            temperaturePPB: Double? = nil,
            modelWander: Double? = nil,
            stress: Bool = false,
            json: Bool = false
        ) -> (text: String, passed: Bool) {
            var scenario = PPSClockScenario(seconds: Int(hours * 3_600))
            if let jitter { scenario.jitterNanoseconds = jitter }
            if let wander { scenario.wanderPPBPerRootSecond = wander }
            if let temperaturePPB { scenario.temperatureAmplitudePPB = temperaturePPB }
            var config = ClockModel.Configuration(ppsCableDelayNanoseconds: scenario.cableDelayNanoseconds)
            if let modelWander { config.frequencyWanderPPBPerRootSecond = modelWander }
            let pooled = evaluate(scenario, config, seeds: seeds, firstSeed: firstSeed)
            var text: String
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                text = (try? encoder.encode(pooled)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            } else {
                text = ClockBenchReport.header(
                    scenario: scenario,
                    configuration: config,
                    seeds: seeds,
                    firstSeed: firstSeed
                )
                text += "\n" + ClockBenchReport.render(pooled)
            }
            if stress {
                var harsh = scenario
                harsh.wanderPPBPerRootSecond *= 3
                harsh.temperatureAmplitudePPB *= 3
                text += "\n\nStress (not gated): oscillator wander and temperature term 3× the acceptance scenario\n"
                text += ClockBenchReport.render(
                    evaluate(harsh, config, seeds: seeds, firstSeed: firstSeed),
                    gated: false
                )
            }
            return (text, ClockBenchReport.passes(pooled))
        }

        private static func evaluate(
            _ scenario: PPSClockScenario,
            _ config: ClockModel.Configuration,
            seeds: Int,
            firstSeed: UInt64
        ) -> PPSClockEvaluation {
            var pooled = PPSClockEvaluation()
            for seed in firstSeed..<(firstSeed + UInt64(seeds)) {
                let sim = PPSClockSimulation(scenario: scenario, seed: seed)
                pooled.merge(PPSClockEvaluation(simulation: sim, configuration: config))
            }
            return pooled
        }
    }
}
