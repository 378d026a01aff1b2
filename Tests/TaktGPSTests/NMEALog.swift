/// A fresh NMEA 0183 log for gpsfake, with the values each epoch should come back as through gpsd.
///
/// Generated rather than taken from gpsd's regression logs because Debian's 3.22 rollover patch shifts old logs by
/// +1024 weeks; a 2026 date replays as itself. Every epoch has its own position so a TPV can be matched to the
/// exact sentence set it came from.
struct NMEALog {
    struct Epoch {
        var unixSeconds: Int64
        var latitude: Double
        var longitude: Double
    }

    /// 2026-11-25T07:00:00Z.
    static let startUnixSeconds: Int64 = 1_795_590_000
    static let altitudeMSL = 545.4
    static let geoidSeparation = 46.9
    static let satellitesInView = 9
    static let satellitesUsed = 8
    static let hdop = 0.9
    /// Attitude from a TrueNorth-style compass ($HCHDT heading, $PTNTHTM heading/pitch/roll), which gpsd reports as ATT.
    static let heading = 84.4
    static let pitch = -1.5
    static let roll = 2.5

    let epochs: [Epoch]
    let text: String

    /// - Parameters:
    ///   - withGST: add `$GPGST` (pseudorange error statistics) to each epoch.
    ///   - withAttitude: add `$HCHDT`/`$PTNTHTM`. Not together with GST: gpsd 3.22 keeps both in one union and then
    ///     prints GST leftovers, and eventually malformed JSON, in its ATT lines.
    init(epochCount: Int, withGST: Bool = true, withAttitude: Bool = false) {
        var epochs: [Epoch] = []
        var text = ""
        for i in 0..<epochCount {
            let t = Self.startUnixSeconds + Int64(i)
            let hms = Self.hhmmss(t) + ".00"
            let latMinutes = 7.0380 + Double(i) * 0.0010
            let lonMinutes = 31.0000 + Double(i) * 0.0020
            let lat = "48" + Self.fixed(latMinutes, width: 7, decimals: 4)
            let lon = "011" + Self.fixed(lonMinutes, width: 7, decimals: 4)
            epochs.append(Epoch(unixSeconds: t, latitude: 48 + latMinutes / 60, longitude: 11 + lonMinutes / 60))
            text += Self.sentence("GPRMC,\(hms),A,\(lat),N,\(lon),E,010.0,084.4,251126,,,A")
            text += Self.sentence("GPGGA,\(hms),\(lat),N,\(lon),E,1,08,0.9,545.4,M,46.9,M,,")
            text += Self.sentence("GPGSA,A,3,04,05,09,12,24,25,29,31,,,,,1.8,0.9,1.5")
            text += Self.sentence("GPGSV,3,1,09,04,45,120,40,05,30,200,38,09,60,045,42,12,15,310,30")
            text += Self.sentence("GPGSV,3,2,09,24,50,090,44,25,20,250,35,29,70,180,45,31,10,020,25")
            text += Self.sentence("GPGSV,3,3,09,33,05,100,")
            if withGST { text += Self.sentence("GPGST,\(hms),1.2,0.8,0.5,45.0,0.9,0.7,1.6") }
            text += Self.sentence("GPZDA,\(hms),25,11,2026,00,00")
            if withAttitude {
                text += Self.sentence("HCHDT,\(Self.heading),T")
                text += Self.sentence("PTNTHTM,\(Self.heading),N,\(Self.pitch),N,\(Self.roll),N,10.1,3320")
            }
        }
        self.epochs = epochs
        self.text = text
    }

    func epoch(atUnixSeconds s: Int64) -> Epoch? {
        let i = s - Self.startUnixSeconds
        return i >= 0 && i < epochs.count ? epochs[Int(i)] : nil
    }

    /// `$body*CS\r\n` with the XOR checksum of the body.
    static func sentence(_ body: String) -> String {
        let cs = body.utf8.reduce(UInt8(0), ^)
        let hex = String(cs, radix: 16, uppercase: true)
        return "$\(body)*\(hex.count < 2 ? "0" + hex : hex)\r\n"
    }

    private static func hhmmss(_ unix: Int64) -> String {
        let s = unix % 86_400
        return [s / 3600, s / 60 % 60, s % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
    }

    /// Zero-padded fixed-point formatting without Foundation.
    private static func fixed(_ x: Double, width: Int, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let n = Int((x * scale).rounded())
        let whole = String(n / Int(scale))
        var frac = String(n % Int(scale))
        while frac.count < decimals { frac = "0" + frac }
        var s = whole + "." + frac
        while s.count < width { s = "0" + s }
        return s
    }
}
