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
        let (y, m, d) = CivilCalendar.date(daysSinceUnixEpoch: day)
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
