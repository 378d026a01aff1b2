/// GSA: fix mode (1 none, 2 2D, 3 3D), satellites used and DOPs. Carries no time, so it joins the current epoch.
public struct NMEAGSA: Hashable, Sendable, Codable {
    public var talker: String
    /// `A` automatic, `M` manual 2D/3D selection.
    public var selectionMode: String
    public var fixMode: Int?
    public var satellites: [Int]
    public var pdop: Double?
    public var hdop: Double?
    public var vdop: Double?
    /// NMEA 4.10 system id (1 GPS, 2 GLONASS, 3 Galileo, 4 BeiDou, 5 QZSS, 6 NavIC), when present.
    public var systemID: Int?

    public init(talker: String, fields f: [String]) {
        self.talker = talker
        selectionMode = f[field: 0]
        fixMode = NMEAField.int(f[field: 1])
        satellites = (2..<14).compactMap { NMEAField.int(f[field: $0]) }
        pdop = NMEAField.double(f[field: 14])
        hdop = NMEAField.double(f[field: 15])
        vdop = NMEAField.double(f[field: 16])
        systemID = NMEAField.int(f[field: 17])
    }
}
