/// Decides, from free-space readings and the bytes Takt has written, when to warn and when to stop recording
/// before the disk is full. Pure: the daemon feeds it one reading per second.
///
/// The write rate is an exponentially weighted average of Takt's own writes (not of free-space changes, which other
/// processes also move), so the ETA reflects what recording costs.
public struct DiskGuard: Sendable {
    public struct Reading: Sendable {
        public var at: MonotonicInstant
        public var availableBytes: Int64
        public var totalBytes: Int64
        /// Total bytes Takt has written so far (monotonic counter).
        public var bytesWritten: Int64
        public init(at: MonotonicInstant, availableBytes: Int64, totalBytes: Int64, bytesWritten: Int64) {
            self.at = at
            self.availableBytes = availableBytes
            self.totalBytes = totalBytes
            self.bytesWritten = bytesWritten
        }
    }

    public enum Action: Sendable, Equatable {
        case none
        /// Free space will reach the reserve within the warning horizon.
        case warn(etaSeconds: Double?)
        /// Free space is at or below the reserve plus one flush interval of writes: stop now.
        case stop(availableBytes: Int64)
    }

    public let reserveBytes: Int64
    public let warnSeconds: Double
    /// Headroom kept above the reserve for the writes still in flight while stopping (≥ 2 s at the current rate).
    public let stopMarginSeconds: Double
    public private(set) var rateBytesPerSecond: Double = 0
    private var last: Reading?
    public private(set) var level: DiskLevel = .ok
    public private(set) var lastReading: Reading?

    public init(reserveBytes: Int64, warnSeconds: Double, stopMarginSeconds: Double = 3) {
        self.reserveBytes = reserveBytes
        self.warnSeconds = warnSeconds
        self.stopMarginSeconds = stopMarginSeconds
    }

    /// Seconds until free space reaches the reserve at the current rate; nil when not writing.
    public var etaSeconds: Double? {
        guard let r = lastReading, rateBytesPerSecond > 1 else { return nil }
        return max(0, Double(r.availableBytes - reserveBytes) / rateBytesPerSecond)
    }

    public mutating func handle(_ r: Reading) -> Action {
        if let prev = last {
            let dt = Double(r.at.nanoseconds - prev.at.nanoseconds) / 1e9
            if dt > 0 {
                let inst = Double(max(0, r.bytesWritten - prev.bytesWritten)) / dt
                // ~5 s time constant; the first sample seeds the average.
                let alpha = min(1, dt / 5)
                rateBytesPerSecond = rateBytesPerSecond == 0 ? inst : rateBytesPerSecond + alpha * (inst - rateBytesPerSecond)
            }
        }
        last = r
        lastReading = r
        let margin = Int64(rateBytesPerSecond * stopMarginSeconds)
        if r.availableBytes <= reserveBytes + margin {
            level = .critical
            return .stop(availableBytes: r.availableBytes)
        }
        if let eta = etaSeconds, eta < warnSeconds {
            level = .warning
            return .warn(etaSeconds: eta)
        }
        level = .ok
        return .none
    }
}
