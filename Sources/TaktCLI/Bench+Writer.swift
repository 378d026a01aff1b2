public import ArgumentParser
import Foundation
import TaktCore
import TaktDaemon
import TaktStore

extension Takt.Bench {
    /// Sustained throughput of the real bundle writer (`SessionWriter`/`SegmentWriter`, incremental SHA-256, pcap
    /// framing, MCAP chunks, BagIt close) against `dd` writing the same bytes with the same sync policy, measured
    /// in the same run on the same filesystem.
    ///
    /// Policy equivalence: Takt buffers each file in 1 MiB and fdatasyncs every open file once per second of
    /// recorded data (here: after each simulated second's records, as fast as the disk allows). dd copies the
    /// concatenation of exactly the payload files Takt wrote, one `dd bs=1M conv=fdatasync,notrunc` per second of
    /// data: the same write size and one fdatasync per second of data. Takt syncs four files per second where dd
    /// syncs one, and Takt also frames, hashes and closes the bag, so the comparison does not favour Takt.
    public struct Writer: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Bundle-writer throughput as a ratio to dd (same bytes, one fdatasync per second of data).")

        @Option(help: "Simulated seconds of recording per round.") var seconds = 30
        @Option(help: "Rounds (Takt and dd, alternating which goes first); medians are reported.") var rounds = 5
        @Option(help: "Directory on the filesystem to measure (created; emptied after each round).")
        var directory = ".build/bench-writer"
        @Option(help: "Ouster-like packets per second (24.9 kB each).") var ousterPps = 640
        @Option(help: "Target ratio Takt/dd.") var target = 0.9
        @Flag(help: "Print the result as JSON.") var json = false

        public init() {}

        public func validate() throws {
            guard seconds >= 1, seconds <= 600 else { throw ValidationError("--seconds must be in 1...600") }
            guard rounds >= 1, rounds <= 20 else { throw ValidationError("--rounds must be in 1...20") }
        }

        public func run() async throws {
            let workload = WriterWorkload(ousterPacketsPerSecond: ousterPps)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var result = WriterBenchResult(seconds: seconds, target: target)
            // Odd rounds time dd first, on the previous round's (identical) bytes, so neither side always meets
            // the disk's writeback state left by the other.
            var previous: (directory: String, files: [String], block: Int)?
            for k in 0..<rounds {
                let out = directory + "/round-\(k)"
                var dd: Double?
                if k % 2 == 1, let p = previous {
                    dd = try WriterBenchRound.dd(dataFiles: p.files, blockBytes: p.block, directory: out)
                }
                if let p = previous { try? FileManager.default.removeItem(atPath: p.directory) }
                WriterBenchRound.settle()
                let takt = try WriterBenchRound.takt(workload: workload, seconds: seconds, directory: out + "/takt")
                let block = Int(takt.bytes) / seconds
                if dd == nil {
                    dd = try WriterBenchRound.dd(dataFiles: takt.dataFiles, blockBytes: block, directory: out)
                }
                result.rounds.append(
                    .init(
                        bytes: takt.bytes, taktSeconds: takt.elapsed, taktOpenCloseSeconds: takt.openCloseSeconds,
                        ddSeconds: dd ?? 0))
                previous = (out, takt.dataFiles, block)
            }
            if let p = previous { try? FileManager.default.removeItem(atPath: p.directory) }
            if json {
                print(CLIJSON.text(result))
            } else {
                print(WriterBenchReport.render(result, workload: workload, directory: directory))
            }
            if result.ratio < target { throw ExitCode(TaktExit.checkFailed) }
        }
    }
}
