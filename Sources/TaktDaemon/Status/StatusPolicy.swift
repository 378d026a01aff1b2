public import TaktCore

/// Decides whether recording is "OK" and says why not, from the parts of a snapshot. Pure so the rules are tested
/// directly: OK means recording, time locked when the rig requires it, every sensor delivering, disk not critical.
public enum StatusPolicy {
    public static func evaluate(
        recording: RecordingStatus, time: TimeStatus, sensors: [SensorStatus], gnss: [GNSSStatus], disk: DiskStatus?,
        requirePPSLock: Bool, maxHoldoverSeconds: Double?
    ) -> (ok: Bool, reasons: [String], warnings: [String]) {
        var reasons = recording.state == .recording ? [] : recording.reasons.map { "\(recording.state.rawValue): \($0)" }
        if recording.state != .recording && reasons.isEmpty { reasons.append("not recording (\(recording.state.rawValue))") }
        var warnings: [String] = []
        if requirePPSLock && !time.locked {
            var why = "time not PPS-locked: \(time.provenance.rawValue)"
            if let h = time.holdoverSeconds { why += String(format: " for %.1f s", h) }
            if let a = time.lastPPSAgeSeconds { why += String(format: ", last PPS %.1f s ago", a) }
            reasons.append(why)
        } else if !time.locked {
            warnings.append("time not PPS-locked (\(time.provenance.rawValue)); accepted by rig policy")
        }
        if let h = time.holdoverSeconds, let maxH = maxHoldoverSeconds, h > maxH {
            warnings.append(String(format: "PPS holdover for %.0f s exceeds the rig's %.0f s", h, maxH))
        }
        for s in sensors where s.health != .ok {
            reasons.append("\(s.id) \(s.health.rawValue)\(s.detail.map { ": \($0)" } ?? "")")
        }
        for g in gnss where g.connected && g.fixMode < 2 {
            reasons.append("\(g.id) has no fix")
        }
        if let d = disk, d.level == .critical {
            reasons.append("disk \(d.path) at its reserve")
        }
        return (reasons.isEmpty, reasons, warnings)
    }
}

import Foundation
