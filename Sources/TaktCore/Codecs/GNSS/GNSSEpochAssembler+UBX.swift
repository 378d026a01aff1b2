extension GNSSEpochAssembler {
    public mutating func handle(_ message: UBXMessage) -> [GNSSRecord] {
        switch message {
        case .navTimeGPS(let t):
            if t.leapSecondsValid { receiverLeapSeconds = Int(t.leapSeconds) }
            if t.weekValid { receiverWeek = Int(t.week) }
            let out = joinLegacy(iTOW: t.iTOWMilliseconds)
            legacy.timeGPS = t
            return out
        case .navSol(let s):
            let out = joinLegacy(iTOW: s.iTOWMilliseconds)
            legacy.sol = s
            if s.flags & 0x04 != 0 { receiverWeek = Int(s.week) }
            return out
        case .navPosLLH(let p):
            let out = joinLegacy(iTOW: p.iTOWMilliseconds)
            legacy.posLLH = p
            return out
        case .navStatus(let st):
            let out = joinLegacy(iTOW: st.iTOWMilliseconds)
            legacy.status = st
            return out
        case .navEOE(let iTOW):
            return legacy.iTOW == iTOW ? flushLegacy() : []
        case .rxmRawx(let r):
            if r.receiverStatus & 0x01 != 0 { receiverLeapSeconds = Int(r.leapSeconds) }
            return []
        case .navPVT(let p):
            let out = joinLegacy(iTOW: p.iTOWMilliseconds)
            legacy.coveredByPVT = true
            return out + [.epoch(Self.epoch(p, leapSeconds: receiverLeapSeconds))]
        case .hnrPVT(let h): return [.highRateEpoch(Self.epoch(h, leapSeconds: receiverLeapSeconds))]
        case .timTP(let t):
            // A pulse announced for an impossible week is dropped (the frame is still in the raw record).
            guard let pulseTime = t.pulseTime else { return [] }
            return [
                .timePulse(
                    GNSSTimePulse(
                        pulseTime: pulseTime, timeBase: t.flags & 0x01 == 0 ? "gps" : "utc",
                        quantizationErrorPicoseconds: t.quantizationErrorPicoseconds,
                        quantizationErrorValid: t.flags & 0x10 == 0
                    ))
            ]
        case .timTM2(let t): return [.timeMark(Self.timeMark(t))]
        case .esfRaw(let r):
            return r.samples.map {
                .imu(Self.sample($0.data, source: "esfRaw", sensorTimeTag: $0.sensorTimeTag, iTOW: nil))
            }
        case .esfMeas(let m):
            return m.data.map { .imu(Self.sample($0, source: "esfMeas", sensorTimeTag: m.timeTag, iTOW: nil)) }
        case .esfIns(let i): return Self.samples(i)
        case .rxmSfrbx, .other, .malformed: return []
        }
    }

    /// Moves the legacy builder to `iTOW`, emitting the previous epoch when the iTOW changed.
    private mutating func joinLegacy(iTOW: UInt32) -> [GNSSRecord] {
        if legacy.iTOW == iTOW { return [] }
        let out = flushLegacy()
        legacy.iTOW = iTOW
        return out
    }

    mutating func flushLegacy() -> [GNSSRecord] {
        defer { legacy = UBXLegacyEpochBuilder() }
        return legacy.epoch(week: receiverWeek, leapSeconds: receiverLeapSeconds).map { [.epoch($0)] } ?? []
    }

    static func epoch(_ p: UBXNavPVT, leapSeconds: Int?) -> GNSSEpoch {
        var e = GNSSEpoch(source: .ubxNavPVT, mode: mode(fixType: p.fixType, fixOK: p.gnssFixOK))
        if p.validDate && p.validTime,
            let ns = utc(p.year, p.month, p.day, p.hour, p.minute, p.second, p.nanoseconds)
        {
            e.setUTC(unixNanoseconds: ns, leapSeconds: leapSeconds)
        }
        if e.mode >= 2 && p.flags3 & 0x01 == 0 {
            e.latitude = p.latitude
            e.longitude = p.longitude
            e.altHAEMeters = Double(p.heightHAEMillimeters) / 1000
            e.altMSLMeters = Double(p.heightMSLMillimeters) / 1000
            e.geoidSeparationMeters = (Double(p.heightHAEMillimeters) - Double(p.heightMSLMillimeters)) / 1000
        }
        e.fixQuality = Int(p.fixType)
        e.satellitesUsed = Int(p.numSV)
        e.speedMetersPerSecond = Double(p.groundSpeedMillimetersPerSecond) / 1000
        e.trackDegrees = Double(p.headingOfMotion) * 1e-5
        e.horizontalAccuracyMeters = Double(p.horizontalAccuracyMillimeters) / 1000
        e.verticalAccuracyMeters = Double(p.verticalAccuracyMillimeters) / 1000
        e.timeAccuracyNanoseconds = Int64(p.timeAccuracyNanoseconds)
        e.pdop = Double(p.pDOP) / 100
        return e
    }

    static func epoch(_ h: UBXHnrPVT, leapSeconds: Int?) -> GNSSEpoch {
        var e = GNSSEpoch(source: .ubxHnrPVT, mode: mode(fixType: h.gpsFix, fixOK: h.flags & 0x01 != 0))
        if h.valid & 0x03 == 0x03, let ns = utc(h.year, h.month, h.day, h.hour, h.minute, h.second, h.nanoseconds) {
            e.setUTC(unixNanoseconds: ns, leapSeconds: leapSeconds)
        }
        if e.mode >= 2 {
            e.latitude = h.latitude
            e.longitude = h.longitude
            e.altHAEMeters = Double(h.heightHAEMillimeters) / 1000
            e.altMSLMeters = Double(h.heightMSLMillimeters) / 1000
        }
        e.fixQuality = Int(h.gpsFix)
        e.speedMetersPerSecond = Double(h.groundSpeedMillimetersPerSecond) / 1000
        e.trackDegrees = Double(h.headingOfMotion) * 1e-5
        e.headingDegrees = Double(h.headingOfVehicle) * 1e-5
        e.horizontalAccuracyMeters = Double(h.horizontalAccuracyMillimeters) / 1000
        e.verticalAccuracyMeters = Double(h.verticalAccuracyMillimeters) / 1000
        return e
    }

    /// u-blox fix type to gpsd mode: no fix and time-only are 1; DR and 2D are 2; 3D and GNSS+DR are 3.
    /// Without gnssFixOK the solution is outside the receiver's accuracy masks and counts as no fix.
    static func mode(fixType: UInt8, fixOK: Bool) -> Int {
        guard fixOK else { return 1 }
        switch fixType {
        case 1, 2: return 2
        case 3, 4: return 3
        // Time-only (timing receivers in fixed-position mode): the position is the surveyed one; gpsd reports 3D.
        case 5: return 3
        default: return 1
        }
    }

    /// UTC from calendar fields, or nil when they are out of range even though the receiver flagged them valid
    /// (a corrupt payload with a good checksum must not overflow the nanosecond arithmetic).
    static func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, _ nano: Int32) -> Int64? {
        guard NMEADate(year: y, month: mo, day: d).isValid, h < 24, mi < 60, s <= 60 else { return nil }
        let secondsOfDay = Int64(h) * 3600 + Int64(mi) * 60 + Int64(s)
        return CivilCalendar.unixNanoseconds(
            year: y, month: mo, day: d, nanosecondsOfDay: secondsOfDay * 1_000_000_000 + Int64(nano)
        )
    }

    static func timeMark(_ t: UBXTimTM2) -> GNSSTimeMark {
        GNSSTimeMark(
            channel: Int(t.channel), count: Int(t.count),
            risingEdge: t.newRisingEdge ? t.risingEdge : nil, fallingEdge: t.newFallingEdge ? t.fallingEdge : nil,
            timeBase: ["receiver", "gnss", "utc", "reserved"][Int(t.timeBase)], timeValid: t.timeValid,
            accuracyEstimateNanoseconds: t.accuracyEstimateNanoseconds
        )
    }

    static func sample(_ d: UBXEsfData, source: String, sensorTimeTag: UInt32?, iTOW: UInt32?) -> GNSSIMUSample {
        GNSSIMUSample(
            source: source, sensorTimeTag: sensorTimeTag, iTOWMilliseconds: iTOW, dataType: Int(d.dataType),
            quantity: quantityName(d.dataType), value: d.scaledValue
        )
    }

    static func samples(_ i: UBXEsfIns) -> [GNSSRecord] {
        let values: [(String, Double, UInt32)] = [
            ("gyroX", i.angularRateX, 8), ("gyroY", i.angularRateY, 9), ("gyroZ", i.angularRateZ, 10),
            ("accelX", i.accelerationX, 11), ("accelY", i.accelerationY, 12), ("accelZ", i.accelerationZ, 13),
        ]
        return values.filter { i.bitfield0 & (1 << $0.2) != 0 }.map {
            .imu(GNSSIMUSample(source: "esfIns", iTOWMilliseconds: i.iTOWMilliseconds, quantity: $0.0, value: $0.1))
        }
    }

    static func quantityName(_ type: UInt8) -> String {
        switch type {
        case 5: "gyroZ"
        case 6: "wheelTicksFrontLeft"
        case 7: "wheelTicksFrontRight"
        case 8: "wheelTicksRearLeft"
        case 9: "wheelTicksRearRight"
        case 10: "speedTicks"
        case 11: "speed"
        case 12: "gyroTemperature"
        case 13: "gyroY"
        case 14: "gyroX"
        case 16: "accelX"
        case 17: "accelY"
        case 18: "accelZ"
        default: "type\(type)"
        }
    }
}
