public import ArgumentParser
import Foundation
import TaktStore

extension Takt {
    /// Derived products built from a recorded session, written outside the raw bundle.
    public struct Export: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Write derived products (publish-ready images, ...) from a session, outside the raw bundle.",
            subcommands: [Images.self, Pcap.self]
        )
        public init() {}
    }
}

extension Takt.Export {
    public struct Images: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Copy a session's camera images with EXIF GPS/time and GPano XMP, plus poses.csv.",
            discussion: """
                Each /camera/<id>/exposure record on the segments' timelines names its JPEG; the copy goes to \
                DIR/<id>/<seq>.jpg with DateTimeOriginal/SubSecTimeOriginal/OffsetTimeOriginal in UTC, GPS \
                position, altitude, direction, speed and accuracy, and the GPano equirectangular pose. DIR must \
                lie outside the session: the raw bundle is never modified.
                """
        )
        @Argument(help: "Session directory.")
        var session: String
        @Argument(help: "Output directory (created if missing).")
        var directory: String

        public init() {}

        public func validate() throws {
            let s = URL(fileURLWithPath: session).standardizedFileURL.path
            let d = URL(fileURLWithPath: directory).standardizedFileURL.path
            if d == s || d.hasPrefix(s + "/") {
                throw ValidationError("DIR must be outside the session: exports are derived products, not raw data")
            }
        }

        public func run() async throws {
            let report: ImageExportReport
            do {
                report = try ImageExporter.run(session: session, to: directory)
            } catch {
                print("takt export images: \(error)")
                throw ExitCode(error.errnoValue == nil ? TaktExit.badInput : TaktExit.cannotWrite)
            }
            print(report.summary)
            if report.written.isEmpty { throw ExitCode(TaktExit.checkFailed) }
        }
    }
}

extension Takt.Export {
    public struct Pcap: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Join one LiDAR's segment pcaps of a session into one pcap, metadata JSON beside it.",
            discussion: """
                Records keep their order and bytes; the first segment's file header is used and the others must \
                match it. The sensor's metadata JSON is copied next to FILE with the same base name, so \
                ouster-sdk opens FILE directly.
                """
        )
        @Argument(help: "Session directory.")
        var session: String
        @Option(help: "The rig's LiDAR sensor id.")
        var sensor: String
        @Option(help: "Output pcap (default: lidar-<sensor>.pcap in the current directory); must not exist.")
        var output: String?

        public init() {}

        public func validate() throws {
            let s = URL(fileURLWithPath: session).standardizedFileURL.path
            let o = URL(fileURLWithPath: output ?? "lidar-\(sensor).pcap").standardizedFileURL.path
            if o.hasPrefix(s + "/") {
                throw ValidationError("--output must be outside the session: exports are derived products, not raw data")
            }
        }

        public func run() async throws {
            let report: PcapExporter.Report
            do {
                report = try PcapExporter.run(session: session, sensor: sensor, output: output ?? "lidar-\(sensor).pcap")
            } catch {
                print("takt export pcap: \(error)")
                throw ExitCode(error.errnoValue == nil ? TaktExit.badInput : TaktExit.cannotWrite)
            }
            print(
                "\(report.output): \(report.records) record(s) from \(report.segments) segment(s)"
                    + (report.metadata.map { ", metadata \($0)" } ?? "")
                    + (report.skippedTrailingBytes > 0 ? ", \(report.skippedTrailingBytes) torn byte(s) left out" : ""))
        }
    }
}
