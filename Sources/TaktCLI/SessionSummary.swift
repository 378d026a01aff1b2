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
    if let time = timeSummary(session: session) { print(time) }
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

/// How the time base did over the session, from the timeline's `/time/clock` records: when it first locked and
/// what it said last.
func timeSummary(session: String) -> String? {
    let fm = FileManager.default
    let segs = ((try? fm.contentsOfDirectory(atPath: session + "/segments")) ?? []).sorted()
    var first: (Int64, Bool)?
    var firstLocked: Int64?
    var last: [String: Any]?
    for seg in segs {
        guard let data = fm.contents(atPath: "\(session)/segments/\(seg)/data/timeline.mcap"),
            let events = try? MCAPReader.messages(in: Array(data))
        else { continue }
        for e in events where e.channel.topic == "/time/clock" {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(e.message.data)) as? [String: Any],
                let t = (obj["gps_time_ns"] as? NSNumber)?.int64Value
            else { continue }
            let locked = obj["locked"] as? Bool ?? false
            if first == nil { first = (t, locked) }
            if locked && firstLocked == nil { firstLocked = t }
            last = obj
        }
    }
    guard let last, let first else { return nil }
    var line = "time: \(last["time_provenance"] as? String ?? "?") at the end"
    if let fl = firstLocked {
        line += String(format: ", PPS-locked %.0f s after recording started", Double(fl - first.0) / 1e9)
    } else {
        line += ", never PPS-locked"
    }
    if let sigma = last["sigma_ns"] as? Double { line += String(format: ", σ %.2f µs", sigma / 1000) }
    if let drift = last["drift_ppm"] as? Double { line += String(format: ", host drift %.2f ppm", drift) }
    line += ", leap \(last["leap_seconds"] as? Int ?? 0) s (\(last["leap_seconds_source"] as? String ?? "?"))"
    return line
}
