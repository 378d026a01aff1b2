import Foundation
public import TaktCore

/// Renders a status snapshot for a field operator: the first line answers "is it OK?", and every non-OK state
/// says why. Pure, so it is tested with golden strings.
public enum StatusRenderer {
    public static func render(_ s: StatusSnapshot, color: Bool = false) -> String {
        var out: [String] = []
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        let verdict = s.recording.ok ? paint("OK", "1;32") : paint("NOT OK", "1;31")
        var head = "\(verdict)  \(s.recording.state.rawValue)"
        if let seg = s.recording.segmentIndex { head += "  segment \(seg)" }
        head += "  \(s.daemon.vehicleId)\(s.daemon.simulated ? " (simulated)" : "")"
        out.append(head)
        for r in s.recording.reasons { out.append("  why: \(r)") }
        if let p = s.recording.sessionPath { out.append("  session: \(p)") }
        out.append(
            "  written: \(bytes(s.recording.bytesWritten)) in \(s.recording.segmentsClosed) closed segment(s), marks: \(s.recording.marks)"
        )

        let t = s.time
        var time = "TIME   \(t.provenance.rawValue)\(t.locked ? " (locked)" : "")  source: \(t.source)"
        if let o = t.offsetNanoseconds { time += "  system clock \(o >= 0 ? "+" : "")\(fmt(o / 1e6, 3)) ms" }
        if let j = t.jitterNanoseconds { time += "  jitter \(fmt(j / 1000, 2)) µs" }
        if let d = t.driftPPM { time += "  drift \(fmt(d, 3)) ppm" }
        if let sig = t.sigmaNanoseconds { time += "  σ \(fmt(sig / 1000, 2)) µs" }
        if let h = t.holdoverSeconds { time += "  holdover \(fmt(h, 1)) s" }
        time += "  leap \(t.leapSeconds) s (\(t.leapSecondsSource))"
        out.append(time)

        for g in s.gnss {
            var line = "GNSS   \(g.id): \(g.connected ? fixName(g.fixMode) : "DISCONNECTED")"
            if let st = g.fixStatus { line += " (\(st))" }
            if let u = g.satellitesUsed { line += "  sats \(u)\(g.satellitesVisible.map { "/\($0)" } ?? "")" }
            if let h = g.horizontalAccuracyMeters { line += "  h±\(fmt(h, 3)) m" }
            if let v = g.verticalAccuracyMeters { line += " v±\(fmt(v, 3)) m" }
            if let sp = g.speedMetersPerSecond { line += "  \(fmt(sp * 3.6, 1)) km/h" }
            if let a = g.lastFixAgeSeconds { line += "  last fix \(fmt(a, 1)) s ago" }
            if g.gaps > 0 { line += "  gaps \(g.gaps)" }
            out.append(line)
        }
        for sensor in s.sensors {
            var line = "SENSOR \(sensor.id) [\(sensor.kind.rawValue)] \(sensor.health.rawValue)"
            line += "  \(fmt(sensor.messagesPerSecond, 1))/s  \(bytes(Int64(sensor.bytesPerSecond)))/s"
            if sensor.restarts > 0 { line += "  restarts \(sensor.restarts)" }
            let losses = sensor.counters.filter { $0.value != 0 }.sorted { $0.key < $1.key }
            if !losses.isEmpty { line += "  " + losses.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
            if let d = sensor.detail { line += "  (\(d))" }
            out.append(line)
        }
        if let tr = s.trigger {
            var line = "TRIG   fired \(tr.fired)  images \(tr.imagesReceived)  missing \(tr.imagesMissing)"
            if let a = tr.spacingAskedMeters { line += "  spacing asked \(fmt(a, 2)) m" }
            if let m = tr.spacingMeanMeters { line += " mean \(fmt(m, 2)) m" }
            if let p = tr.spacingP95Meters { line += " p95 \(fmt(p, 2)) m" }
            if let lost = tr.marksLost, let extra = tr.marksExtra { line += "  marks lost \(lost) extra \(extra)" }
            if tr.speedTooFast == true { line += "  [SPEED TOO FAST]" }
            out.append(line)
            if let c = tr.camera { out.append(cameraLine(c)) }
        }
        if let d = s.disk {
            var line = "DISK   \(bytes(d.availableBytes)) free of \(bytes(d.totalBytes)), reserve \(bytes(d.reserveBytes))"
            line += "  writing \(bytes(Int64(d.writeBytesPerSecond)))/s"
            if let eta = d.etaSeconds { line += "  full in \(duration(eta))" }
            if d.level != .ok { line += "  [\(d.level.rawValue.uppercased())]" }
            out.append(line)
        }
        for w in s.warnings { out.append("WARN   \(w)") }
        return out.joined(separator: "\n")
    }

    /// The camera itself, e.g. `CAM    cam0: connected  battery 87 % (12 s ago)  storage 18.2 GiB / 19.0 GiB free,
    /// 4790 images, 1 h 35 min at this rate (12 s ago)`.
    static func cameraLine(_ c: CameraDeviceStatus) -> String {
        var line = "CAM    \(c.id): \(c.connected ? "connected" : "DISCONNECTED")"
        if let b = c.batteryPercent {
            line += "  battery \(b) %"
            if let a = c.batteryAgeSeconds { line += " (\(fmt(a, 0)) s ago)" }
        }
        if c.storageFreeBytes != nil || c.storageFreeImages != nil {
            var parts: [String] = []
            if let f = c.storageFreeBytes {
                parts.append("\(bytes(f))\(c.storageCapacityBytes.map { " / \(bytes($0))" } ?? "") free")
            }
            if let i = c.storageFreeImages { parts.append("\(i) images") }
            if let m = c.storageMinutesLeft { parts.append("\(duration(m * 60)) at this rate") }
            line += "  storage " + parts.joined(separator: ", ")
            if let a = c.storageAgeSeconds { line += " (\(fmt(a, 0)) s ago)" }
        }
        return line
    }

    static func fixName(_ mode: Int) -> String {
        switch mode {
        case 3: "3D fix"
        case 2: "2D fix"
        case 1: "NO FIX"
        default: "no data"
        }
    }

    static func fmt(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }

    static func bytes(_ b: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(b)
        var i = 0
        while abs(v) >= 1024 && i < units.count - 1 {
            v /= 1024
            i += 1
        }
        return i == 0 ? "\(b) B" : "\(fmt(v, 1)) \(units[i])"
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        if t >= 3600 { return "\(t / 3600) h \(t % 3600 / 60) min" }
        if t >= 60 { return "\(t / 60) min \(t % 60) s" }
        return "\(t) s"
    }
}
