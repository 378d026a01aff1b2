import TaktCore

/// Pure text renderers for `takt decode` (tested with golden strings).
enum DecodeRendering {
    static let tableHeader = "kind           time                            latitude      longitude      altHAE  mode"

    static func row(_ record: GNSSRecord) -> String {
        switch record {
        case .epoch(let e), .highRateEpoch(let e):
            let time = e.time ?? e.utcTimeOfDayNanoseconds.map { "T+\(Double($0) / 1e9)s (no date)" } ?? "-"
            return pad(record.kind, 14) + " " + pad(time, 31) + " " + num(e.latitude, 9, 13) + " "
                + num(e.longitude, 9, 14) + " " + num(e.altHAEMeters, 3, 10) + "  " + String(e.mode)
        case .timePulse(let p):
            return pad(record.kind, 14) + " " + p.pulseTime.description + " (\(p.timeBase)) qErr "
                + "\(p.quantizationErrorPicoseconds) ps"
        case .timeMark(let m):
            let rise = m.risingEdge.map { "rise \($0)" } ?? ""
            let fall = m.fallingEdge.map { "fall \($0)" } ?? ""
            return pad(record.kind, 14)
                + " ch\(m.channel) #\(m.count) \(rise) \(fall) acc \(m.accuracyEstimateNanoseconds) ns"
        case .imu(let s):
            let tag = s.sensorTimeTag.map { "ttag \($0)" } ?? s.iTOWMilliseconds.map { "iTOW \($0)" } ?? ""
            return pad(record.kind, 14) + " \(s.source) \(tag) \(s.quantity) = \(s.value)"
        }
    }

    static func summary(_ c: GNSSDecoderCounters) -> String {
        "bytes \(c.totalBytes), NMEA \(c.nmeaSentences), UBX \(c.ubxMessages) (other \(c.ubxOther), "
            + "malformed \(c.ubxMalformed)), "
            + "bad NMEA checksum \(c.nmeaBadChecksum), bad UBX checksum \(c.ubxBadChecksum), "
            + "garbage \(c.garbageBytes) B in \(c.garbageFrames) runs, oversize \(c.oversize), "
            + "comments \(c.commentLines)"
    }

    private static func pad(_ s: String, _ w: Int) -> String {
        s.count >= w ? s : s + String(repeating: " ", count: w - s.count)
    }

    private static func num(_ v: Double?, _ decimals: Int, _ w: Int) -> String {
        guard let v else { return String(repeating: " ", count: w - 1) + "-" }
        let scaled = (v * pow10(decimals)).rounded() / pow10(decimals)
        var s = "\(scaled)"
        if let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) - 1 < decimals {
            s += String(repeating: "0", count: decimals - (s.distance(from: dot, to: s.endIndex) - 1))
        }
        return s.count >= w ? s : String(repeating: " ", count: w - s.count) + s
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }
}
