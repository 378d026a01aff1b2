import Foundation
import TaktCore
import TaktStore

/// Prints what a recorded session holds and whether it verified.
func printSessionSummary(session: String, verify: VerifyReport, json: Bool) throws {
    let inspect = try? BundleInspector.inspect(path: session)
    if json {
        struct Summary: Encodable {
            var session: String
            var sound: Bool
            var problems: [String]
            var inspect: InspectReport?
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let s = Summary(session: session, sound: verify.isSound, problems: verify.problems.map(\.description), inspect: inspect)
        print(String(decoding: try enc.encode(s), as: UTF8.self))
        return
    }
    print("session: \(session)")
    if let i = inspect {
        for seg in i.segments {
            let streams = seg.streams.map { "\($0.path) \($0.records) rec" }.joined(separator: ", ")
            print("  segment \(seg.index) [\(seg.closeReason?.rawValue ?? seg.state)] \(seg.bytes) bytes: \(streams)")
        }
    }
    if verify.isSound {
        print("verify: OK (\(verify.segmentsChecked) segment(s), \(verify.filesChecked) file(s), \(verify.bytesChecked) bytes checked)")
    } else {
        print("verify: \(verify.problems.count) problem(s)")
        for p in verify.problems { print("  \(p)") }
    }
}
