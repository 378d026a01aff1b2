import TaktCore

/// Turns successive `LiDARIngest` snapshots into the board entry and into silence transitions to record once each.
/// Before the first packet the sensor shows `starting` ("waiting for packets"), which the status policy already
/// reports as not OK.
struct LiDARStatusMonitor: Sendable {
    enum Change: Sendable {
        case wentSilent(lastPacketAt: MonotonicInstant)
        case resumed(LiDARSilence)
    }

    let sensorId: String
    private var wasSilent = false
    private var reportedSilences = 0

    init(sensorId: String) { self.sensorId = sensorId }

    mutating func update(_ snapshot: LiDARIngest.Snapshot) -> [Change] {
        var changes: [Change] = []
        for silence in snapshot.silences.dropFirst(reportedSilences) {
            if !wasSilent { changes.append(.wentSilent(lastPacketAt: silence.lastPacketAt)) }
            changes.append(.resumed(silence))
            wasSilent = false
        }
        reportedSilences = snapshot.silences.count
        if case .silent(let since) = snapshot.state, !wasSilent {
            changes.append(.wentSilent(lastPacketAt: since))
            wasSilent = true
        }
        return changes
    }

    func apply(_ snapshot: LiDARIngest.Snapshot, verdicts: LiDARSyncCounts, to status: inout SensorStatus) {
        switch snapshot.state {
        case .waiting:
            status.health = .starting
            status.detail = "waiting for packets"
        case .silent:
            status.health = .silent
            status.detail = "no packets"
        case .receiving:
            status.health = .ok
            status.detail = verdicts.last.map {
                "time \($0.verdict.rawValue), sensor − GPS \(Double($0.offsetNanoseconds) / 1e6) ms"
            }
        }
        status.messagesPerSecond = Double(snapshot.packetsPerSecond)
        status.bytesPerSecond = Double(snapshot.bytesPerSecond)
        let c = snapshot.counters
        status.counters = [
            "packets": c.packets, "lost": c.lost, "pendingLost": c.pendingLost, "duplicates": c.duplicates,
            "outOfOrder": c.outOfOrder, "malformed": c.malformed, "completeFrames": c.completeFrames,
            "incompleteFrames": c.incompleteFrames, "queueOverflows": c.queueOverflows, "kernelDrops": c.kernelDrops,
            "sensorRestarts": c.restarts, "silences": c.silences, "auxiliaryPackets": c.auxiliaryPackets,
            "framesSynchronised": verdicts.synchronised, "framesOffset": verdicts.offset,
            "framesUnsynchronised": verdicts.unsynchronised,
        ]
    }
}
