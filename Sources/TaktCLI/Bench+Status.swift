public import ArgumentParser
import Foundation
import TaktCore
import TaktDaemon

extension Takt.Bench {
    /// Latency of `status` on a running daemon's control socket: `count` requests from the in-process
    /// `ControlClient` (connect, request, full JSON answer, decode), then `cliRuns` real `takt status --json`
    /// processes for reference (their time includes process start). Run while the daemon records.
    public struct StatusLatency: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Status request latency (p50/p99/max) against a running daemon (target p99 < 50 ms).")

        @OptionGroup var daemon: DaemonOptions
        @Option(help: "In-process status requests.") var count = 1000
        @Option(help: "Real `takt status --json` invocations for reference.") var cliRuns = 20
        @Option(help: "Target p99, milliseconds.") var targetMs = 50.0

        public init() {}

        public func validate() throws {
            guard count >= 1 else { throw ValidationError("--count must be at least 1") }
            guard cliRuns >= 0 else { throw ValidationError("--cli-runs must be ≥ 0") }
        }

        public func run() async throws {
            let client = ControlClient(path: daemon.socketPath)
            var samples: [Double] = []
            var failures = 0
            var states: [String: Int] = [:]
            for _ in 0..<count {
                let t0 = HostClock.monotonic()
                do {
                    let r = try client.send(ControlRequest(command: .status))
                    samples.append(Self.ms(since: t0))
                    states[r.status?.recording.state.rawValue ?? "none", default: 0] += 1
                } catch {
                    failures += 1
                }
            }
            var cli: [Double] = []
            let me = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).path } ?? "takt"
            for _ in 0..<cliRuns {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: me)
                p.arguments = ["status", "--json", "--socket", daemon.socketPath]
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                let t0 = HostClock.monotonic()
                try p.run()
                p.waitUntilExit()
                cli.append(Self.ms(since: t0))
            }
            let p99 = Self.percentile(samples, 0.99)
            print("status latency on \(daemon.socketPath) (recording states seen: \(states))")
            print(Self.line("in-process ControlClient", samples, failures: failures))
            if !cli.isEmpty { print(Self.line("takt status --json (process)", cli, failures: 0)) }
            let pass = failures == 0 && p99 < targetMs
            print(String(format: "p99 %.2f ms (target < %.0f ms): %@", p99, targetMs, pass ? "PASS" : "FAIL"))
            if !pass { throw ExitCode(TaktExit.checkFailed) }
        }

        static func ms(since t0: MonotonicInstant) -> Double {
            Double((HostClock.monotonic() - t0).nanoseconds) / 1e6
        }

        static func percentile(_ v: [Double], _ p: Double) -> Double {
            let s = v.sorted()
            guard !s.isEmpty else { return .nan }
            return s[min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)]
        }

        static func line(_ name: String, _ v: [Double], failures: Int) -> String {
            name.padding(toLength: 30, withPad: " ", startingAt: 0)
                + String(
                    format: " n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, failures %d", v.count,
                    percentile(v, 0.5), percentile(v, 0.9), percentile(v, 0.99), v.max() ?? .nan, failures)
        }
    }
}
