/// Collects the sentences of one NMEA reporting cycle (all sentences stamped with the same UTC time of day plus
/// the untimed ones between them) and merges them into a `GNSSEpoch`.
///
/// Precedence follows what each sentence knows best: position and altitude from GGA, then GNS, RMC, GLL;
/// fix mode as gpsd derives it: GGA/GNS quality plus "altitude present" means 3D (gpsd trusts
/// that over GSA, whose 2D/3D flag some receivers get wrong), else GSA, else RMC/GLL status; date from ZDA over RMC.
struct NMEAEpochBuilder {
    var timeOfDay: Int64?
    var date: NMEADate?
    var dateFromZDA = false
    var zdaTimeOfDay: Int64?
    var gga: NMEAGGA?
    var gns: NMEAGNS?
    var rmc: NMEARMC?
    var gll: NMEAGLL?
    var gsa: NMEAGSA?
    var vtg: NMEAVTG?
    var gst: NMEAGST?
    var hdt: NMEAHDT?

    var isEmpty: Bool {
        timeOfDay == nil && zdaTimeOfDay == nil && gga == nil && gns == nil && rmc == nil && gll == nil && gsa == nil
            && vtg == nil
            && gst == nil && hdt == nil
    }

    /// Whether a sentence that normally carries time and position (GGA, GNS, RMC, GLL) is in the cycle.
    var hasFixSentence: Bool { gga != nil || gns != nil || rmc != nil || gll != nil }

    /// The time of day that places the sentence in a cycle, if it carries one. ZDA is deliberately not a cycle
    /// key: some receivers (Ashtech AC12 in the gpsd corpus) stamp it with the *next* second, so it would split a
    /// cycle in two; it contributes the date, and its time only to a cycle that has no other.
    static func timeOfDay(_ s: NMEASentence) -> Int64?? {
        switch s {
        case .gga(let x): .some(x.utcTimeOfDayNanoseconds)
        case .rmc(let x): .some(x.utcTimeOfDayNanoseconds)
        case .gst(let x): .some(x.utcTimeOfDayNanoseconds)
        case .gll(let x): .some(x.utcTimeOfDayNanoseconds)
        case .gns(let x): .some(x.utcTimeOfDayNanoseconds)
        default: .none
        }
    }

    mutating func add(_ s: NMEASentence) {
        if case .some(.some(let t)) = Self.timeOfDay(s), timeOfDay == nil { timeOfDay = t }
        switch s {
        case .gga(let x): gga = gga ?? x
        case .gns(let x): gns = gns ?? x
        case .rmc(let x):
            rmc = rmc ?? x
            if !dateFromZDA, let d = x.date { date = d }
        case .zda(let x):
            zdaTimeOfDay = zdaTimeOfDay ?? x.utcTimeOfDayNanoseconds
            if let d = x.date {
                date = d
                dateFromZDA = true
            }
        case .gll(let x): gll = gll ?? x
        case .gsa(let x): gsa = gsa ?? x
        case .vtg(let x): vtg = vtg ?? x
        case .gst(let x): gst = gst ?? x
        case .hdt(let x): hdt = hdt ?? x
        case .other: break
        }
    }

    /// The merged epoch; `utcDate` is the date to stamp it with (from this cycle or carried forward).
    /// `previousMode` is the last cycle's mode, which RMC/GLL-only cycles keep (they only say "fix or not").
    func epoch(utcDate: NMEADate?, previousMode: Int) -> GNSSEpoch {
        var e = GNSSEpoch(source: .nmea, mode: mode(previous: previousMode))
        let timeOfDay = self.timeOfDay ?? zdaTimeOfDay
        e.utcTimeOfDayNanoseconds = timeOfDay
        if let d = utcDate, let t = timeOfDay {
            let ns = CivilCalendar.unixNanoseconds(year: d.year, month: d.month, day: d.day, nanosecondsOfDay: t)
            e.setUTC(unixNanoseconds: ns, leapSeconds: nil)
        }
        if let g = gga, let lat = g.latitude, let lon = g.longitude {
            (e.latitude, e.longitude) = (lat, lon)
        } else if let g = gns, let lat = g.latitude, let lon = g.longitude {
            (e.latitude, e.longitude) = (lat, lon)
        } else if let r = rmc, let lat = r.latitude, let lon = r.longitude {
            (e.latitude, e.longitude) = (lat, lon)
        } else if let g = gll, let lat = g.latitude, let lon = g.longitude {
            (e.latitude, e.longitude) = (lat, lon)
        }
        let msl = gga?.altitudeMSLMeters ?? gns?.altitudeMSLMeters
        let sep = gga?.altitudeMSLMeters != nil ? gga?.geoidSeparationMeters : gns?.geoidSeparationMeters
        e.altMSLMeters = msl
        e.geoidSeparationMeters = sep
        if let msl, let sep { e.altHAEMeters = msl + sep }
        e.fixQuality = gga?.quality
        e.satellitesUsed = gga?.satellitesUsed ?? gns?.satellitesUsed
        e.hdop = gsa?.hdop ?? gga?.hdop ?? gns?.hdop
        e.pdop = gsa?.pdop
        if let kn = rmc?.speedKnots ?? vtg?.speedKnots {
            e.speedMetersPerSecond = kn * 1852 / 3600
        } else if let kmh = vtg?.speedKilometresPerHour {
            e.speedMetersPerSecond = kmh / 3.6
        }
        e.trackDegrees = rmc?.trackTrueDegrees ?? vtg?.trackTrueDegrees
        e.headingDegrees = hdt?.headingTrueDegrees
        e.latitudeSigmaMeters = gst?.latitudeSigmaMeters
        e.longitudeSigmaMeters = gst?.longitudeSigmaMeters
        e.altitudeSigmaMeters = gst?.altitudeSigmaMeters
        return e
    }

    /// gpsd's mode convention: 1 no fix, 2 2D, 3 3D, 0 when nothing in the cycle says. A valid RMC/GLL alone
    /// means "at least 2D", so a 3D mode from the previous cycle is kept, as gpsd does.
    func mode(previous: Int) -> Int {
        if let g = gga, let q = g.quality {
            if q == 0 { return 1 }
            return g.altitudeMSLMeters != nil ? 3 : 2
        }
        if let g = gns {
            if !g.hasFix { return 1 }
            return g.altitudeMSLMeters != nil ? 3 : 2
        }
        if let m = gsa?.fixMode, (1...3).contains(m) { return m }
        if let r = rmc { return r.isValid ? max(2, previous) : 1 }
        if let g = gll { return g.isValid ? max(2, previous) : 1 }
        return 0
    }
}
