import Glibc
public import TaktCore

/// Reads the host clocks. Only adapters and the daemon's edges call this; core logic receives instants in events.
public enum HostClock {
    /// `CLOCK_MONOTONIC` now.
    public static func monotonic() -> MonotonicInstant {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return MonotonicInstant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }

    /// `CLOCK_REALTIME` now, Unix ns (UTC as the host believes it).
    public static func realtimeNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    /// A (monotonic, realtime) pair read back to back, for converting REALTIME-stamped inputs (SO_TIMESTAMPNS).
    public static func pairedReading() -> (monotonic: MonotonicInstant, realtimeNanoseconds: Int64) {
        let a = monotonic()
        let r = realtimeNanoseconds()
        let b = monotonic()
        return (MonotonicInstant(nanoseconds: a.nanoseconds + (b.nanoseconds - a.nanoseconds) / 2), r)
    }
}
