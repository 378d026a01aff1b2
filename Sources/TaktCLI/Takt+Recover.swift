public import ArgumentParser
import Foundation
import TaktStore

extension Takt {
    public struct Recover: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Close what a crash left open: trim raw files to their last whole record, repair the MCAP "
                + "timeline, close each open segment with close_reason=recovered, then close the session.",
            discussion: "Safe to run repeatedly; closed segments are left untouched. The daemon runs it at start."
        )
        @Argument(help: "Session directory.")
        var session: String
        @Flag(help: "Print the report as JSON.")
        var json = false

        public init() {}

        public func run() async throws {
            let report: RecoveryReport
            do {
                report = try BundleRecovery.recover(sessionPath: session)
            } catch {
                print("takt recover: \(error)")
                throw ExitCode(error.errnoValue == nil ? TaktExit.badInput : TaktExit.cannotWrite)
            }
            print(json ? CLIJSON.text(report) : Self.render(report))
        }

        static func render(_ r: RecoveryReport) -> String {
            var lines: [String] = []
            for s in r.segments {
                lines.append("\(s.path): recovered")
                for loss in s.losses { lines.append("  lost \(loss)") }
                for note in s.notes { lines.append("  note \(note)") }
            }
            let session = r.sessionClosed ? "session closed" : "session already closed"
            lines.append(
                "\(r.sessionPath): \(r.segments.count) segment(s) recovered, \(r.segmentsAlreadyClosed) already "
                    + "closed, \(r.lostBytes) byte(s) lost, \(session)")
            return lines.joined(separator: "\n")
        }
    }
}
