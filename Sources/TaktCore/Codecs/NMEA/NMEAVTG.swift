/// VTG: course and speed over ground.
public struct NMEAVTG: Hashable, Sendable, Codable {
    public var talker: String
    public var trackTrueDegrees: Double?
    public var trackMagneticDegrees: Double?
    public var speedKnots: Double?
    public var speedKilometresPerHour: Double?
    public var faaMode: String?

    public init(talker: String, fields f: [String]) {
        self.talker = talker
        // NMEA 2.x: "x.x,T,x.x,M,x.x,N,x.x,K[,mode]". Very old receivers omit the unit letters: "x.x,x.x,x.x,x.x".
        if f[field: 1] == "T" || f[field: 1].isEmpty && f.count >= 8 {
            trackTrueDegrees = NMEAField.double(f[field: 0])
            trackMagneticDegrees = NMEAField.double(f[field: 2])
            speedKnots = NMEAField.double(f[field: 4])
            speedKilometresPerHour = NMEAField.double(f[field: 6])
            faaMode = f[field: 8].isEmpty ? nil : f[field: 8]
        } else {
            trackTrueDegrees = NMEAField.double(f[field: 0])
            trackMagneticDegrees = NMEAField.double(f[field: 1])
            speedKnots = NMEAField.double(f[field: 2])
            speedKilometresPerHour = NMEAField.double(f[field: 3])
        }
    }
}
