public import ArgumentParser
import Foundation

extension Takt.Bench {
    /// `takt bench lidar`: the highest loss-free packet rate of the LiDAR receive path (UDP → queue → pcap on disk)
    /// for Ouster-sized (~25 kB) and Velodyne-sized (1206 B) packets on loopback, against tcpdump capturing the same
    /// stream in the same run. `--combined` instead streams an OS1-128 (2048×10) and a VLS-128 together at multiples
    /// of their real rates through the daemon's own LiDAR services and recorder.
    public struct LiDAR: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "lidar", abstract: "Highest loss-free LiDAR packet rate: Takt receiver vs tcpdump.")

        @Option(name: .customLong("size"), help: "Payload sizes in bytes.")
        var sizes: [Int] = [24_832, 1206]

        @Option(name: .customLong("rate"), help: "Target packet rates to try (default: a ladder per size).")
        var rates: [Double] = []

        @Option(help: "Seconds of traffic per rate step (capped by --max-step-mib).")
        var stepSeconds: Double = 1.0

        @Option(help: "Largest traffic volume per step, MiB.")
        var maxStepMib: Int = 1024

        @Option(help: "Socket receive buffer for Takt (and -B for tcpdump), MiB.")
        var bufferMib: Int = 64

        @Option(help: "Receiver → writer queue budget, MiB (capacity = budget ÷ packet size, at least 1024).")
        var queueMib: Int = 64

        @Option(help: "Directory for the pcap files (deleted after each step).")
        var directory: String = "/tmp/takt-bench-lidar"

        @Option(help: "tcpdump executable; empty to skip the peer.")
        var tcpdump: String = "/usr/bin/tcpdump"

        @Flag(
            help: """
                Stream an OS1-128 2048×10 (24 832 B, 1280/s) and a VLS-128 (1206 B, 6253.9/s) together, at each \
                --multiple of those rates, into two LiDAR services and the session recorder in this process.
                """)
        var combined = false

        @Option(name: .customLong("multiple"), help: "With --combined: rate multiples to run, in order.")
        var multiples: [Double] = [1, 3]

        @Option(help: "With --combined: exit with status 1 unless the run at this multiple was loss-free.")
        var requireMultiple: Double?

        @Option(help: "With --combined: seconds of traffic per multiple.")
        var combinedSeconds: Double = 10

        @Option(help: "With --combined: Ouster and Velodyne data ports (each +1 is its IMU/position port).")
        var ports: [Int] = [37502, 32368]

        public init() {}

        static func ladder(for size: Int) -> [Double] {
            size > 4000
                ? [1000, 2000, 4000, 8000, 12000, 16000, 24000, 32000, 48000, 64000]
                : [5000, 10000, 20000, 40000, 60000, 80000, 120000, 160000, 240000]
        }

        public func validate() throws {
            if combined, ports.count != 2 || ports.contains(where: { $0 < 1 || $0 > 65534 }) {
                throw ValidationError("--ports takes two ports in 1…65534 (Ouster, Velodyne)")
            }
            if combined, multiples.contains(where: { $0 <= 0 }) { throw ValidationError("--multiple must be > 0") }
            if let requireMultiple, !combined || !multiples.contains(requireMultiple) {
                throw ValidationError(
                    "--require-multiple \(requireMultiple) needs --combined and a --multiple \(requireMultiple)")
            }
        }

        public func run() async throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if combined { return try await runCombined() }
            let bench = LiDARReceiveBench(
                directory: directory, tcpdump: tcpdump.isEmpty ? nil : tcpdump, receiveBufferBytes: bufferMib << 20,
                queueBudgetBytes: queueMib << 20, stepSeconds: stepSeconds, maxStepBytes: maxStepMib << 20)
            let columns = [
                "size_B", "target_pps", "achieved_pps", "sent", "takt_rx", "takt_written", "takt_qovf", "takt_kdrop",
                "tcpdump_rec", "tcpdump_kdrop", "takt_ok", "tcpdump_ok",
            ]
            print(columns.joined(separator: "  "))
            var summary: [(Int, Double, Double?)] = []
            for size in sizes {
                var bestTakt = 0.0
                var bestTcpdump: Double? = tcpdump.isEmpty ? nil : 0
                var consecutiveFailures = 0
                for rate in rates.isEmpty ? Self.ladder(for: size) : rates.sorted() {
                    let step = try bench.run(payloadBytes: size, rate: rate)
                    let cells: [String] = [
                        "\(size)", "\(Int(rate))", "\(Int(step.achievedRate))", "\(step.sent)", "\(step.taktReceived)",
                        "\(step.taktWritten)", "\(step.taktQueueOverflows)", "\(step.taktKernelDrops)",
                        step.tcpdumpRecords.map(String.init) ?? "-", step.tcpdumpKernelDrops.map(String.init) ?? "-",
                        "\(step.taktLossFree)", step.tcpdumpLossFree.map(String.init) ?? "-",
                    ]
                    print(cells.joined(separator: "  "))
                    if step.taktLossFree { bestTakt = max(bestTakt, step.achievedRate) }
                    if step.tcpdumpLossFree == true { bestTcpdump = max(bestTcpdump ?? 0, step.achievedRate) }
                    let anyLossFree = step.taktLossFree || step.tcpdumpLossFree == true
                    consecutiveFailures = anyLossFree ? 0 : consecutiveFailures + 1
                    if consecutiveFailures >= 2 { break }
                }
                summary.append((size, bestTakt, bestTcpdump))
            }
            print("")
            for (size, takt, peer) in summary {
                let ratio = peer.flatMap { $0 > 0 ? String(format: "%.2f", takt / $0) : nil } ?? "n/a"
                let peerText = peer.map { String(Int($0)) } ?? "n/a"
                print(
                    "RESULT size=\(size)B takt_loss_free_pps=\(Int(takt)) tcpdump_loss_free_pps=\(peerText)"
                        + " ratio_takt_over_tcpdump=\(ratio)")
            }
        }

        func runCombined() async throws {
            let bench = LiDARCombinedBench(
                directory: directory, tcpdump: tcpdump.isEmpty ? nil : tcpdump, receiveBufferBytes: bufferMib << 20,
                seconds: combinedSeconds, ousterPort: UInt16(ports[0]), velodynePort: UInt16(ports[1]))
            let columns = [
                "multiple", "sensor", "size_B", "target_pps", "achieved_pps", "sent", "takt_rx", "takt_recorded",
                "lost", "malformed", "qovf", "kdrop", "frames_ok", "frames_incomplete", "tcpdump_rec",
            ]
            print(columns.joined(separator: "  "))
            var best: Double?
            var gateMet = true
            for multiple in multiples {
                let result = try await bench.run(multiple: multiple)
                for s in result.sensors {
                    let cells: [String] = [
                        "\(multiple)", s.id, "\(s.payloadBytes)", "\(Int(s.targetRate))", "\(Int(s.achievedRate))",
                        "\(s.sent)", "\(s.received)", "\(s.recorded)", "\(s.lost)", "\(s.malformed)",
                        "\(s.queueOverflows)", "\(s.kernelDrops)", "\(s.completeFrames)", "\(s.incompleteFrames)",
                        s.tcpdumpRecords.map(String.init) ?? "-",
                    ]
                    print(cells.joined(separator: "  "))
                }
                let cpu = { (seconds: Double) in String(format: "%.1f%%", 100 * seconds / result.seconds) }
                let ratio = result.sensors.map { s in
                    s.tcpdumpRecords.map { $0 > 0 ? String(format: "%.3f", Double(s.recorded) / Double($0)) : "n/a" }
                        ?? "n/a"
                }
                print(
                    "RESULT multiple=\(multiple) takt_loss_free=\(result.lossFree)"
                        + " tcpdump_loss_free=\(result.tcpdumpLossFree.map(String.init) ?? "n/a")"
                        + " recorder_queue_drops=\(result.recorderQueueDrops)"
                        + " ratio_recorded_over_tcpdump=\(ratio.joined(separator: ","))"
                        + " takt_cpu=\(cpu(result.taktCPUSeconds)) sender_cpu=\(cpu(result.senderCPUSeconds))"
                        + " tcpdump_cpu=\(result.tcpdumpCPUSeconds.map(cpu) ?? "n/a")"
                        + " tcpdump_kdrop=\(result.tcpdumpKernelDrops.map(String.init) ?? "n/a")"
                        + " wall_s=\(String(format: "%.1f", result.seconds))")
                if result.lossFree { best = max(best ?? 0, multiple) }
                if multiple == requireMultiple, !result.lossFree { gateMet = false }
            }
            print("RESULT highest_loss_free_multiple=\(best.map { String($0) } ?? "none") (of \(multiples))")
            if let requireMultiple, !gateMet {
                print("FAIL: the \(requireMultiple)× combined run lost packets")
                throw ExitCode(1)
            }
        }
    }
}
