/// Resolving truncated GPS week numbers. Legacy navigation messages (and NMEA-era receivers) carry the week modulo
/// 1024 (10 bits), which rolled over in 1999 and 2019 and will again in November 2038 (protocols.md §2.1).
public enum GPSWeek {
    /// The full week whose low `bits` equal `truncated`, nearest to `reference` (e.g. the build date or the host wall
    /// clock); unambiguous while the reference is within half a rollover period (~9.8 years).
    public static func resolve(truncated: Int, bits: Int = 10, near reference: GPSTime) -> Int {
        let period = 1 << bits
        let low = ((truncated % period) + period) % period
        let referenceWeek = reference.week
        let base = referenceWeek - ((referenceWeek % period) + period) % period
        let candidates = [base - period + low, base + low, base + period + low]
        return candidates.min { abs($0 - referenceWeek) < abs($1 - referenceWeek) } ?? base + low
    }

    /// The full week from a truncated week and a known number of rollovers since 1980.
    public static func full(truncated: Int, rollovers: Int, bits: Int = 10) -> Int {
        rollovers * (1 << bits) + ((truncated % (1 << bits)) + (1 << bits)) % (1 << bits)
    }
}

extension GPSTime {
    /// TAI as nanoseconds since the Unix epoch (the PTP timescale), the inverse of `init(ptpTAINanoseconds:)`.
    public var ptpTAINanoseconds: Int64 {
        nanosecondsSinceEpoch + (Self.unixEpochOffsetSeconds + Self.taiMinusGPSSeconds) * Self.nanosecondsPerSecond
    }
}
