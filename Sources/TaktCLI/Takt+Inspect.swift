public import ArgumentParser
import Foundation
import TaktCore
import TaktStore

extension Takt {
    public struct Inspect: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Show a session or segment: streams, record counts, time span, segments and close reasons, "
                + "gaps between segments, recorded losses."
        )
        @Argument(help: "Session or segment directory.")
        var path: String
        @Flag(help: "Print the report as JSON.")
        var json = false

        public init() {}

        public func run() async throws {
            let report: InspectReport
            do {
                report = try BundleInspector.inspect(path: path)
            } catch {
                print("takt inspect: \(error)")
                throw ExitCode(TaktExit.badInput)
            }
            print(json ? CLIJSON.text(report) : InspectRenderer.render(report))
        }
    }
}

/// Plain-text rendering of an `InspectReport` (pure, so it is tested with golden strings).
enum InspectRenderer {
    static func render(_ r: InspectReport) -> String {
        var lines: [String] = []
        let id = r.sessionId.map { " \($0)" } ?? ""
        lines.append("\(r.path)\(id) [\(r.state)]")
        lines.append("  span: \(span(r.start, r.end))  segments: \(r.segments.count)  bytes: \(r.bytes)")
        lines.append("streams:")
        for s in r.streams {
            let files = s.kind == .jpeg ? " files=\(s.files)" : ""
            lines.append(
                "  \(s.path) (\(s.kind.rawValue)) records=\(s.records)\(files) bytes=\(s.bytes) span=\(span(s.firstTime, s.lastTime))"
            )
        }
        lines.append("segments:")
        for s in r.segments {
            let reason = s.closeReason?.rawValue ?? "-"
            lines.append(
                "  \(SegmentName.directoryName(s.index)) \(s.state) \(reason) \(span(s.start, s.end)) bytes=\(s.bytes)")
        }
        lines.append(r.gaps.isEmpty ? "gaps: none" : "gaps:")
        for g in r.gaps {
            lines.append(
                "  after \(SegmentName.directoryName(g.afterSegment)): \(g.from.utc) → \(g.to.utc) (\(Double(g.nanoseconds) / 1e9) s)"
            )
        }
        lines.append(r.losses.isEmpty ? "losses: none" : "losses:")
        for l in r.losses { lines.append("  \(SegmentName.directoryName(l.segment)): \(l.loss)") }
        return lines.joined(separator: "\n")
    }

    static func span(_ a: BundleInstant?, _ b: BundleInstant?) -> String {
        "\(a?.utc ?? "?") … \(b?.utc ?? "?")"
    }
}
