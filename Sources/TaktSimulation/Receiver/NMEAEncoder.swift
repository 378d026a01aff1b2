import Foundation
public import TaktCore

/// Writes the NMEA 0183 sentences a simulated receiver emits for one epoch (UTC, as real receivers do).
public enum NMEAEncoder {
    /// `$<body>*<checksum>\r\n`
    public static func sentence(_ body: String) -> String {
        var x: UInt8 = 0
        for b in body.utf8 { x ^= b }
        let hex = String(x, radix: 16, uppercase: true)
        return "$\(body)*\(hex.count == 1 ? "0" + hex : hex)\r\n"
    }

    /// GGA, RMC, GST and ZDA for one epoch at GPS time `t`.
    public static func epoch(_ s: DriveState, at t: GPSTime, leapSeconds: Int, satellites: Int, hdop: Double) -> [String] {
        let utcNs = t.unixUTCNanoseconds(leapSeconds: leapSeconds)
        let secs = utcNs.floorDivided(by: 1_000_000_000)
        let centis = (utcNs - secs * 1_000_000_000) / 10_000_000
        let day = secs.floorDivided(by: 86_400)
        let sod = secs - day * 86_400
        let (y, m, d) = civilDate(daysSinceUnixEpoch: day)
        let hhmmss = String(format: "%02d%02d%02d.%02d", Int(sod / 3600), Int(sod % 3600 / 60), Int(sod % 60), Int(centis))
        let lat = coordinate(s.latitude, degreesWidth: 2, hemispheres: ("N", "S"))
        let lon = coordinate(s.longitude, degreesWidth: 3, hemispheres: ("E", "W"))
        let geoidSep = 48.3
        let msl = s.heightMeters - geoidSep
        let knots = s.speedMetersPerSecond * 3600 / 1852
        let date = String(format: "%02d%02d%02d", d, m, y % 100)
        return [
            sentence(String(format: "GPGGA,%@,%@,%@,1,%02d,%.1f,%.3f,M,%.1f,M,,", hhmmss, lat, lon, satellites, hdop, msl, geoidSep)),
            sentence(String(format: "GPRMC,%@,A,%@,%@,%.3f,%.1f,%@,,,A", hhmmss, lat, lon, knots, s.headingDegrees, date)),
            sentence(String(format: "GPGST,%@,0.9,0.012,0.009,35.0,0.010,0.011,0.020", hhmmss)),
            sentence(String(format: "GPZDA,%@,%02d,%02d,%04d,00,00", hhmmss, d, m, y)),
        ]
    }

    static func coordinate(_ v: Double, degreesWidth: Int, hemispheres: (String, String)) -> String {
        let a = abs(v)
        let deg = Int(a)
        let minutes = (a - Double(deg)) * 60
        let degStr = String(deg).leftPad(degreesWidth)
        return String(format: "%@%010.7f,%@", degStr, minutes, v >= 0 ? hemispheres.0 : hemispheres.1)
    }

    /// Proleptic Gregorian date from days since 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civilDate(daysSinceUnixEpoch z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}

extension Int64 {
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
