public import ArgumentParser
import Foundation
import TaktCore

extension Takt {
    /// `takt decode FILE [--json]`: decodes a raw receiver log so it can be inspected and compared with gpsd.
    public struct Decode: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Decode a raw GNSS receiver log (NMEA 0183 and UBX, mixed) into epochs and records.",
            discussion: """
                Lines starting with '#' at a frame boundary are skipped as gpsfake log comments. \
                Decoder counters (frames, bad checksums, garbage bytes) are printed to standard error.
                """
        )

        @Argument(help: "Raw log file (.ubx, .nmea, gpsfake .log).")
        var file: String

        @Flag(help: "Print one JSON object per epoch or record instead of a table.")
        var json = false

        public init() {}

        public func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("takt decode: cannot read \(file)\n".utf8))
                throw ExitCode(TaktExit.badInput)
            }
            let result = GNSSLogDecoding.decode(Array(data))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if !json { print(DecodeRendering.tableHeader) }
            for record in result.records {
                if json {
                    print(String(decoding: try encoder.encode(record), as: UTF8.self))
                } else {
                    print(DecodeRendering.row(record))
                }
            }
            FileHandle.standardError.write(Data((DecodeRendering.summary(result.counters) + "\n").utf8))
        }
    }
}
