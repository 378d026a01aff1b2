import Foundation
import TaktCore

/// The TPV reports of a gpsd regression `.chk` file (gpsd's own decoding of the matching `.log`).
struct GpsdTPV {
    var mode: Int
    /// UTC Unix nanoseconds of `time`, when gpsd reported one.
    var time: Int64?
    var timeText: String?
    var lat: Double?
    var lon: Double?
    var altHAE: Double?
    var altMSL: Double?

    /// Reads every `{"class":"TPV",...}` line.
    static func load(_ url: URL) -> [GpsdTPV] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        var out: [GpsdTPV] = []
        for line in data.split(separator: 0x0A) where line.starts(with: Array(#"{"class":"TPV""#.utf8)) {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            let text = obj["time"] as? String
            out.append(
                GpsdTPV(
                    mode: obj["mode"] as? Int ?? 0, time: text.flatMap(parseISO8601), timeText: text,
                    lat: obj["lat"] as? Double, lon: obj["lon"] as? Double, altHAE: obj["altHAE"] as? Double,
                    altMSL: obj["altMSL"] as? Double
                ))
        }
        return out
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff]Z` to Unix nanoseconds.
    static func parseISO8601(_ s: String) -> Int64? {
        let u = Array(s.utf8)
        guard u.count >= 20, u.last == 0x5A else { return nil }
        func num(_ a: Int, _ n: Int) -> Int? {
            var v = 0
            for i in a..<(a + n) {
                guard u[i] >= 0x30, u[i] <= 0x39 else { return nil }
                v = v * 10 + Int(u[i] - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
            let sec = num(17, 2)
        else { return nil }
        var frac: Int64 = 0
        if u[19] == 0x2E {
            var scale: Int64 = 100_000_000
            for c in u[20..<(u.count - 1)] {
                frac += Int64(c - 0x30) * scale
                scale /= 10
            }
        }
        let sod = Int64(h * 3600 + mi * 60 + sec) * 1_000_000_000 + frac
        return CivilCalendar.unixNanoseconds(year: y, month: mo, day: d, nanosecondsOfDay: sod)
    }
}
