import CSerialPort
import Glibc
import TaktCore

extension MonotonicInstant {
    /// Reads the host monotonic clock. Adapters may read clocks; the core never does.
    /// The corresponding C function is `clock_gettime(CLOCK_MONOTONIC)`.
    static func now() -> MonotonicInstant {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return MonotonicInstant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }
}
