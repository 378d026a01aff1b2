import TaktStore
import TaktCore

/// One segment's share of the sensors' cumulative loss counters, for its manifest: what never reached the disk
/// becomes a `SegmentLoss` (packets lost on the wire, queue overflows, kernel drops), other anomalies become notes.
struct SensorLossShare {
    /// Counters whose increase means data that is not in the segment, and the file it is missing from.
    static let lossCounters: [(name: String, reason: String)] = [
        ("lost", "packets lost before reaching Takt (sequence gaps)"),
        ("queueOverflows", "receive queue overflow"),
        ("kernelDrops", "kernel socket buffer overflow"),
        ("droppedEvents", "adapter event buffer overflow"),
    ]
    /// Counters worth a note when they increased in the segment.
    static let noteCounters = [
        "duplicates", "outOfOrder", "malformed", "incompleteFrames", "silences", "sensorRestarts", "ubxBadChecksum",
        "nmeaBadChecksum", "ubxMalformed", "garbageBytes", "ppsMissedTransitions",
    ]

    var losses: [SegmentLoss] = []
    var notes: [String] = []

    init(before: [String: [String: Int64]], after: [String: [String: Int64]]) {
        for sensor in after.keys.sorted() {
            guard let now = after[sensor] else { continue }
            let then = before[sensor] ?? [:]
            func delta(_ k: String) -> Int64 { max(0, (now[k] ?? 0) - (then[k] ?? 0)) }
            for (name, reason) in Self.lossCounters where delta(name) > 0 {
                losses.append(SegmentLoss(path: "sensor:\(sensor)", bytes: 0, records: Int(delta(name)), reason: reason))
            }
            let noted = Self.noteCounters.filter { delta($0) > 0 }.map { "\($0)=\(delta($0))" }
            if !noted.isEmpty { notes.append("\(sensor) in this segment: " + noted.joined(separator: " ")) }
        }
    }
}
