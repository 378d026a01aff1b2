import TaktCore

/// Compares Takt's epochs for one log with gpsd's TPVs for the same log.
///
/// Matching rule (see docs/gnss-conformance.md):
/// - gpsd prints a TPV after every sentence/message that changes its state, so one receiver cycle yields several
///   TPVs with the same `time`, the early ones partial. The *last* TPV per distinct `time` is gpsd's complete view
///   of that cycle; those with mode ≥ 2 (a fix) are the compared epochs. TPVs without `time` (no date known yet)
///   cannot be placed and are counted, not compared.
/// - A compared TPV matches the Takt epoch whose UTC time is within 1 ms. gpsd's regression output may be shifted by
///   whole 1024-week GPS rollovers (gpsd resolves old two-digit-year logs relative to its build date); the shift
///   k·1024 weeks, k ∈ {0, 1, 2}, is chosen per log as the one that places the most TPVs, and reported.
/// - Fields compared: mode; lat and lon within 1e-7°; altHAE within 1 mm when gpsd reports it. When the receiver did
///   not send a geoid separation gpsd invents altHAE from its own geoid model, which Takt deliberately does not;
///   then altMSL is compared instead (still within 1 mm).
struct GpsdConformance {
    struct Disagreement: CustomStringConvertible {
        var time: String
        var reasons: [String]
        var description: String { "\(time): \(reasons.joined(separator: ", "))" }
    }

    var tpvCount = 0
    var tpvWithoutTime = 0
    var compared = 0
    var agreed = 0
    var shiftRollovers = 0
    var disagreements: [Disagreement] = []

    static let timeTolerance: Int64 = 1_000_000
    static let angleTolerance = 1e-7
    static let heightTolerance = 1e-3
    static let rollover: Int64 = 1024 * 604_800 * 1_000_000_000

    init(epochs: [GNSSEpoch], tpvs: [GpsdTPV]) {
        tpvCount = tpvs.count
        tpvWithoutTime = tpvs.filter { $0.time == nil }.count
        var lastByTime: [Int64: GpsdTPV] = [:]
        var order: [Int64] = []
        for t in tpvs {
            guard let time = t.time else { continue }
            if lastByTime.updateValue(t, forKey: time) == nil { order.append(time) }
        }
        let targets = order.compactMap { lastByTime[$0] }.filter { $0.mode >= 2 }
        let timed = epochs.compactMap { e in e.utcUnixNanoseconds.map { ($0, e) } }.sorted { $0.0 < $1.0 }
        let times = timed.map(\.0)

        func candidates(_ t: Int64) -> [GNSSEpoch] {
            var lo = 0
            var hi = times.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if times[mid] < t - Self.timeTolerance { lo = mid + 1 } else { hi = mid }
            }
            var out: [GNSSEpoch] = []
            while lo < times.count, times[lo] <= t + Self.timeTolerance {
                out.append(timed[lo].1)
                lo += 1
            }
            return out
        }

        shiftRollovers =
            (0...2).max { a, b in
                let na = targets.filter { !candidates(($0.time ?? 0) - Int64(a) * Self.rollover).isEmpty }.count
                let nb = targets.filter { !candidates(($0.time ?? 0) - Int64(b) * Self.rollover).isEmpty }.count
                return na < nb || (na == nb && a > b)
            } ?? 0

        for t in targets {
            guard let time = t.time else { continue }
            compared += 1
            let cands = candidates(time - Int64(shiftRollovers) * Self.rollover)
            if cands.isEmpty {
                disagreements.append(Disagreement(time: t.timeText ?? "?", reasons: ["no Takt epoch at this time"]))
                continue
            }
            var firstReasons: [String]?
            var ok = false
            for e in cands {
                let reasons = Self.compare(e, t)
                if reasons.isEmpty {
                    ok = true
                    break
                }
                firstReasons = firstReasons ?? reasons
            }
            if ok {
                agreed += 1
            } else {
                disagreements.append(Disagreement(time: t.timeText ?? "?", reasons: firstReasons ?? []))
            }
        }
    }

    static func compare(_ e: GNSSEpoch, _ t: GpsdTPV) -> [String] {
        var reasons: [String] = []
        if e.mode != t.mode { reasons.append("mode \(e.mode) vs gpsd \(t.mode)") }
        func check(_ name: String, _ mine: Double?, _ theirs: Double?, _ tol: Double) {
            guard let theirs else { return }
            guard let mine else {
                reasons.append("\(name) absent (gpsd \(theirs))")
                return
            }
            if abs(mine - theirs) > tol * (1 + 1e-9) + 1e-12 { reasons.append("\(name) \(mine) vs gpsd \(theirs)") }
        }
        check("lat", e.latitude, t.lat, angleTolerance)
        check("lon", e.longitude, t.lon, angleTolerance)
        if e.altHAEMeters == nil, e.altMSLMeters != nil {
            check("altMSL", e.altMSLMeters, t.altMSL, heightTolerance)
        } else {
            check("altHAE", e.altHAEMeters, t.altHAE, heightTolerance)
        }
        return reasons
    }
}
