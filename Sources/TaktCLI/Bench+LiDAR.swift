public import ArgumentParser
import Foundation

extension Takt.Bench {
    /// `takt bench lidar`: the highest loss-free packet rate of the LiDAR receive path (UDP → queue → pcap on disk)
    /// for Ouster-sized (~25 kB) and Velodyne-sized (1206 B) packets on loopback, against tcpdump capturing the same
    /// stream in the same run.
    public struct LiDAR: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "lidar", abstract: "Highest loss-free LiDAR packet rate: Takt receiver vs tcpdump.")

        @Option(name: .customLong("size"), help: "Payload sizes in bytes.")
        var sizes: [Int] = [24_832, 1206]

        @Option(help: "Seconds of traffic per rate step (capped by --max-step-mib).")
        var stepSeconds: Double = 1.0

        @Option(help: "Largest traffic volume per step, MiB.")
        var maxStepMib: Int = 1024

        @Option(help: "Socket receive buffer for Takt (and -B for tcpdump), MiB.")
        var bufferMib: Int = 64

        @Option(help: "Directory for the pcap files (deleted after each step).")
        var directory: String = "/tmp/takt-bench-lidar"

        @Option(help: "tcpdump executable; empty to skip the peer.")
        var tcpdump: String = "/usr/bin/tcpdump"

        public init() {}

        static func ladder(for size: Int) -> [Double] {
            size > 4000
                ? [1000, 2000, 4000, 8000, 12000, 16000, 24000, 32000, 48000, 64000]
                : [5000, 10000, 20000, 40000, 60000, 80000, 120000, 160000, 240000]
        }

        public func run() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let bench = LiDARReceiveBench(
                directory: directory, tcpdump: tcpdump.isEmpty ? nil : tcpdump, receiveBufferBytes: bufferMib << 20,
                stepSeconds: stepSeconds, maxStepBytes: maxStepMib << 20)
            print("size_B  target_pps  achieved_pps  sent  takt_rx  takt_written  takt_qovf  takt_kdrop  tcpdump_rec  tcpdump_kdrop  takt_ok  tcpdump_ok")
            var summary: [(Int, Double, Double?)] = []
            for size in sizes {
                var bestTakt = 0.0
                var bestTcpdump: Double? = tcpdump.isEmpty ? nil : 0
                var consecutiveFailures = 0
                for rate in Self.ladder(for: size) {
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
                print(
                    "RESULT size=\(size)B takt_loss_free_pps=\(Int(takt)) tcpdump_loss_free_pps=\(peer.map { String(Int($0)) } ?? "n/a") ratio_takt_over_tcpdump=\(ratio)"
                )
            }
        }
    }
}
