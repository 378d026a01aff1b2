/// Merges the legacy u-blox epoch messages (NAV-SOL, NAV-POSLLH, NAV-STATUS, NAV-TIMEGPS) sharing one iTOW
/// into a `GNSSEpoch`, for receivers not configured for NAV-PVT. When NAV-PVT is present for the same iTOW, the
/// PVT epoch is the one emitted and this builder's is dropped.
struct UBXLegacyEpochBuilder: Sendable {
    var iTOW: UInt32?
    var sol: UBXNavSol?
    var posLLH: UBXNavPosLLH?
    var status: UBXNavStatus?
    var timeGPS: UBXNavTimeGPS?
    var coveredByPVT = false

    var isEmpty: Bool { sol == nil && posLLH == nil && status == nil }

    /// The epoch, given the receiver's last known week and leap seconds.
    func epoch(week knownWeek: Int?, leapSeconds: Int?) -> GNSSEpoch? {
        guard !isEmpty, !coveredByPVT, let iTOW else { return nil }
        let fixType = sol?.gpsFix ?? status?.gpsFix ?? 0
        let fixOK = ((sol?.flags ?? status?.flags ?? 0) & 0x01) != 0
        var e = GNSSEpoch(source: .ubxNavSol, mode: GNSSEpochAssembler.mode(fixType: fixType, fixOK: fixOK))
        let week: Int? =
            if let s = sol, s.flags & 0x04 != 0 { Int(s.week) } else if let t = timeGPS, t.weekValid {
                Int(t.week)
            } else { knownWeek }
        let fraction = Int64(sol?.fTOWNanoseconds ?? timeGPS?.fTOWNanoseconds ?? 0)
        if let week, let gps = GPSTime.checked(week: week, timeOfWeekNanoseconds: Int64(iTOW) * 1_000_000 + fraction) {
            let leap = leapSeconds ?? GPSLeapSeconds.at(unixUTCNanoseconds: gps.unixUTCNanoseconds(leapSeconds: 18))
            e.setUTC(unixNanoseconds: gps.unixUTCNanoseconds(leapSeconds: leap), leapSeconds: leapSeconds)
        }
        if e.mode >= 2 {
            if let p = posLLH {
                e.latitude = p.latitude
                e.longitude = p.longitude
                e.altHAEMeters = Double(p.heightHAEMillimeters) / 1000
                e.altMSLMeters = Double(p.heightMSLMillimeters) / 1000
                e.geoidSeparationMeters = (Double(p.heightHAEMillimeters) - Double(p.heightMSLMillimeters)) / 1000
                e.horizontalAccuracyMeters = Double(p.horizontalAccuracyMillimeters) / 1000
                e.verticalAccuracyMeters = Double(p.verticalAccuracyMillimeters) / 1000
            } else if let s = sol {
                let g = WGS84.geodetic(
                    x: Double(s.ecefXCentimeters) / 100, y: Double(s.ecefYCentimeters) / 100,
                    z: Double(s.ecefZCentimeters) / 100
                )
                e.latitude = g.latitude
                e.longitude = g.longitude
                e.altHAEMeters = g.height
            }
        }
        e.fixQuality = Int(fixType)
        if let s = sol {
            e.satellitesUsed = Int(s.numSV)
            e.pdop = Double(s.pDOP) / 100
        }
        return e
    }
}
