/// How a PPS edge reached the host; sets the default jitter and the outlier floor when the edge has no stated
/// precision (protocols.md §2.2, §2.3, §8).
public enum PPSSourceKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// RFC 2783 `/dev/ppsN` (GPIO or pps-ldisc on a real UART): ±1 µs class.
    case kernelPPS = "kernel-pps"
    /// User-space `TIOCMIWAIT` on an RS-232 DCD line: ±5 µs, ~20 µs jitter.
    case serialDCD = "serial-dcd"
    /// DCD on a USB-serial adapter: 0.1–1 ms with a static bias, tens of µs jitter at best.
    case usbDCD = "usb-dcd"
    /// Edges from the simulated rig or a benchmark; treated like a serial DCD line.
    case simulated

    /// One-sigma jitter assumed until enough residuals exist to measure it (ns).
    public var defaultJitterNanoseconds: Double {
        switch self {
        case .kernelPPS: 1_000
        case .serialDCD, .simulated: 10_000
        case .usbDCD: 300_000
        }
    }

    /// Residuals below this are never called outliers, however small the measured jitter (§2.6: ~20 µs for
    /// KPPS/serial, ~1.5 ms for USB DCD).
    public var outlierFloorNanoseconds: Double {
        switch self {
        case .kernelPPS, .serialDCD, .simulated: 20_000
        case .usbDCD: 1_500_000
        }
    }
}

/// One PPS edge as the host saw it: the instant it was stamped and how.
///
/// The stamp is the raw host reading; the model subtracts the rig's `ppsCableDelayNanoseconds` itself, so callers
/// never pre-correct.
public struct PPSEdge: Hashable, Sendable, Codable {
    public var host: MonotonicInstant
    public var source: PPSSourceKind
    /// One-sigma precision of the stamp if the source states it (e.g. gpsd `precision`), ns.
    public var precisionNanoseconds: Double?

    public init(host: MonotonicInstant, source: PPSSourceKind, precisionNanoseconds: Double? = nil) {
        self.host = host
        self.source = source
        self.precisionNanoseconds = precisionNanoseconds
    }
}
