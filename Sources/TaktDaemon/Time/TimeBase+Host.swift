public import TaktCore

extension TimeBase {
    /// The host instant at which the clock model reads `gps`, found from `now`: two fixed-point steps, exact to
    /// well under a microsecond for deadlines a few hundred milliseconds away (host drift is ppm-class).
    public func hostInstant(for gps: GPSTime, near now: MonotonicInstant) -> MonotonicInstant {
        var h = now
        for _ in 0..<2 {
            let d = gps - stamp(h).gps
            h = MonotonicInstant(nanoseconds: h.nanoseconds &+ d.nanoseconds)
        }
        return h
    }
}
