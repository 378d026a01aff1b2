public import ArgumentParser
import Foundation
import TaktStore

extension Takt {
    public struct Verify: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Check a session or one segment: BagIt manifests and Payload-Oxum, every raw file's record "
                + "structure (pcap, UBX/NMEA, JPEG), the MCAP timeline's structure and CRCs.",
            discussion: "Exits 0 only if everything is sound; 1 if any problem was found (each printed with its file)."
        )
        @Argument(help: "Session directory (…/<UTC start>_<vehicle>) or segment directory (…/segments/NNNNNN).")
        var path: String
        @Flag(help: "Print the report as JSON.")
        var json = false

        public init() {}

        public func run() async throws {
            guard FileManager.default.fileExists(atPath: path) else {
                print("\(path): no such file or directory")
                throw ExitCode(TaktExit.badInput)
            }
            let report = BundleVerifier.verify(path: path)
            print(json ? CLIJSON.text(report) : Self.render(report))
            if !report.isSound { throw ExitCode(TaktExit.checkFailed) }
        }

        /// One line per problem, then a summary line.
        static func render(_ r: VerifyReport) -> String {
            var lines = r.problems.map(\.description)
            let what = "\(r.segmentsChecked) segment(s), \(r.filesChecked) file(s), \(r.bytesChecked) bytes hashed"
            lines.append(r.isSound ? "\(r.path): OK (\(what))" : "\(r.path): \(r.problems.count) problem(s) (\(what))")
            return lines.joined(separator: "\n")
        }
    }
}

/// JSON output shared by the bundle commands: pretty, sorted keys, stable across runs.
enum CLIJSON {
    static func text<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
