/// Turns decoded frames into epochs and standalone records. A value-type state machine: feed frames, get records.
///
/// ```swift
/// var assembler = GNSSEpochAssembler()
/// for frame in frames { for record in assembler.handle(frame) { emit(record) } }
/// for record in assembler.finish() { emit(record) }
/// ```
///
/// - NMEA: a cycle is closed when a sentence with a different time of day arrives (so an epoch is emitted one
///   sentence late) or at `finish()`. The date comes from ZDA or RMC in the cycle, else is carried forward across
///   midnight; before any date is known an epoch has only `utcTimeOfDayNanoseconds`.
/// - UBX: NAV-PVT is an epoch on its own; NAV-TIMEGPS supplies week and leap seconds; HNR-PVT, TIM-TP, TIM-TM2 and
///   ESF-RAW/MEAS/INS become standalone records immediately.
public struct GNSSEpochAssembler: Sendable {
    private var pending = NMEAEpochBuilder()
    private var lastDate: NMEADate?
    private var lastTimeOfDay: Int64?
    private var lastMode = 0
    var legacy = UBXLegacyEpochBuilder()
    /// GPS − UTC as last reported by the receiver (NAV-TIMEGPS, RXM-RAWX), nil until then.
    var receiverLeapSeconds: Int?
    /// GPS week as last reported by NAV-TIMEGPS.
    var receiverWeek: Int?

    public init() {}

    public mutating func handle(_ frame: GNSSFrame) -> [GNSSRecord] {
        switch frame {
        case .nmea(let s, _): handle(s)
        case .ubx(let m, _): handle(m)
        case .garbage, .comment: []
        }
    }

    /// Flushes the open NMEA cycle and the open legacy UBX epoch. The assembler stays usable (date, mode and leap
    /// seconds are kept), so a live reader can also call this when the line goes quiet between bursts instead of
    /// holding the last epoch until the next cycle's first sentence.
    public mutating func finish() -> [GNSSRecord] { flushNMEA() + flushLegacy() }

    public mutating func handle(_ sentence: NMEASentence) -> [GNSSRecord] {
        var out: [GNSSRecord] = []
        if case .some(.some(let t)) = NMEAEpochBuilder.timeOfDay(sentence) {
            // A new time closes the open cycle; so does the first timed sentence after a cycle of empty
            // (time-less) fix sentences, which receivers emit before they have a fix.
            if let open = pending.timeOfDay, open != t {
                out += flushNMEA()
            } else if pending.timeOfDay == nil, pending.hasFixSentence {
                out += flushNMEA()
            }
        }
        pending.add(sentence)
        return out
    }

    private mutating func flushNMEA() -> [GNSSRecord] {
        guard !pending.isEmpty else { return [] }
        defer { pending = NMEAEpochBuilder() }
        var date = pending.date
        if date == nil, let last = lastDate, let t = pending.timeOfDay ?? pending.zdaTimeOfDay, let lt = lastTimeOfDay {
            // Carried forward; a time of day that went back by more than 12 h crossed midnight.
            date = t < lt - 43_200 * 1_000_000_000 ? Self.nextDay(last) : last
        }
        if let d = date, pending.timeOfDay != nil { lastDate = d }
        if let t = pending.timeOfDay { lastTimeOfDay = t }
        let epoch = pending.epoch(utcDate: date, previousMode: lastMode)
        if epoch.mode != 0 { lastMode = epoch.mode }
        return [.epoch(epoch)]
    }

    static func nextDay(_ d: NMEADate) -> NMEADate {
        let (y, m, dd) = CivilCalendar.date(
            daysSinceUnixEpoch: CivilCalendar.daysSinceUnixEpoch(year: d.year, month: d.month, day: d.day) + 1
        )
        return NMEADate(year: y, month: m, day: dd)
    }
}
