public import ArgumentParser

extension Takt {
    /// Benchmark runners called by `scripts/bench`; each prints a report with ratios against a peer measured in the
    /// same run. Hidden from the operator's help.
    public struct Bench: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Benchmark and accuracy reports (used by scripts/bench).",
            shouldDisplay: false,
            subcommands: [Clock.self, LiDAR.self, Trigger.self]
        )
        public init() {}
    }
}
