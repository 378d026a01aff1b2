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
    /// recorded data (here: after each simulated second's records, as fast as the disk allows). dd copies exactly
    /// the bytes of the payload files Takt wrote into as many files, one `dd bs=1M conv=fdatasync,notrunc` per file
    /// per second of data: the same write size and the same number of fdatasyncs per second. (`--dd-single-file`
    /// gives dd one file and one fdatasync per second instead, a cheaper policy than Takt's.) Takt also frames,
    /// hashes and closes the bag, so the comparison does not favour Takt.
    ///
    /// Fairness: both sides write the same number of bytes (what Takt's payload files held when its last
    /// per-second sync returned) into new files on the same filesystem, nothing pre-allocated or pre-touched for
    /// either; before each side the previous outputs are gone and dirty pages are flushed (`sync`, pause). Rounds
    /// alternate which side goes first, because on thin-provisioned virtual disks the first writer into fresh
    /// blocks pays for them; the ratio is taken per round and its median and minimum are reported. Takt's CPU
    /// time counts every thread (its SHA-256 runs on a second thread), dd's is that of its processes.
    public struct Writer: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Bundle-writer throughput as a ratio to dd (same bytes, same files, one fdatasync per file per second).")

        @Option(help: "Simulated seconds of recording per round.") var seconds = 30
        @Option(help: "Rounds (Takt and dd, alternating which goes first); per-round ratios, median and minimum are reported.")
        var rounds = 6
        @Option(help: "Directory on the filesystem to measure (created; emptied after each round).")
        var directory = ".build/bench-writer"
        @Option(help: "Ouster-like packets per second (24.9 kB each).") var ousterPps = 640
        @Option(help: "Target ratio Takt/dd.") var target = 0.9
        @Flag(help: "Print the result as JSON.") var json = false
        @Flag(
            help: """
                Give dd one output file and one fdatasync per second (a cheaper policy than Takt's one fdatasync per \
                stream file per second, which dd mirrors by default).
                """)
        var ddSingleFile = false

        public init() {}

        public func validate() throws {
            guard seconds >= 1, seconds <= 600 else { throw ValidationError("--seconds must be in 1...600") }
            guard rounds >= 1, rounds <= 20 else { throw ValidationError("--rounds must be in 1...20") }
        }

        public func run() async throws {
            let workload = WriterWorkload(ousterPacketsPerSecond: ousterPps)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let environment = BenchEnvironment.probe(directory: directory)
            var result = WriterBenchResult(seconds: seconds, target: target, environment: environment)
            if ddSingleFile { result.ddPolicy = "one file (cheaper than Takt's policy)" }
            // dd reads the bytes of the latest Takt run; a dd-first round reuses the previous round's (the
            // workload is deterministic, so they are the same bytes).
            var source: String?
            var streams: [Int64] = []
            defer { if let s = source { try? FileManager.default.removeItem(atPath: s) } }
            var previousRound: String?
            for k in 0..<rounds {
                if let p = previousRound { try? FileManager.default.removeItem(atPath: p) }
                let out = directory + "/round-\(k)"
                previousRound = out
                let ddFirst = k % 2 == 1 && source != nil
                var dd: (elapsed: Double, cpuSeconds: Double)?
                var ddBytes = result.rounds.last?.bytes ?? 0
                if ddFirst, let s = source {
                    WriterBenchRound.settle()
                    dd = try WriterBenchRound.dd(
                        source: s, bytes: ddBytes, seconds: seconds, directory: out + "/dd",
                        streams: ddSingleFile ? nil : streams)
                }
                WriterBenchRound.settle()
                let takt = try WriterBenchRound.takt(workload: workload, seconds: seconds, directory: out + "/takt")
                if let s = source { try? FileManager.default.removeItem(atPath: s) }
                source = try WriterBenchRound.ddSource(dataFiles: takt.dataFiles, scratch: directory)
                streams = WriterBenchRound.streamSizes(dataFiles: takt.dataFiles)
                if dd == nil, let s = source {
                    WriterBenchRound.settle()
                    ddBytes = takt.bytes
                    dd = try WriterBenchRound.dd(
                        source: s, bytes: ddBytes, seconds: seconds, directory: out + "/dd",
                        streams: ddSingleFile ? nil : streams)
                }
                result.rounds.append(
                    .init(
                        ddFirst: ddFirst, bytes: takt.bytes, ddBytes: ddBytes, taktSeconds: takt.elapsed, taktCPUSeconds: takt.cpuSeconds,
                        taktOpenCloseSeconds: takt.openCloseSeconds, ddSeconds: dd?.elapsed ?? 0,
                        ddCPUSeconds: dd?.cpuSeconds ?? 0))
            }
            if let p = previousRound { try? FileManager.default.removeItem(atPath: p) }
            if json {
                print(CLIJSON.text(result))
            } else {
                print(WriterBenchReport.render(result, workload: workload, directory: directory))
            }
            if result.ratio < target { throw ExitCode(TaktExit.checkFailed) }
        }
    }
}
