public import ArgumentParser
import Foundation
import TaktStore

extension Takt {
    /// Derived products built from a recorded session, written outside the raw bundle.
    public struct Export: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Write derived products (publish-ready images, ...) from a session, outside the raw bundle.",
            subcommands: [Images.self]
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
