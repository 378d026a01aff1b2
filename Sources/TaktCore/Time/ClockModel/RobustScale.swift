/// The robust spread of recent residuals: 1.4826 × median absolute deviation over a ring of the last few.
///
/// Used to measure the edge jitter, so the outlier gate and the measurement variance follow the real source rather
/// than a guess, while a few ±1 ms glitches cannot inflate it (a standard deviation would).
struct RobustScale: Hashable, Sendable {
    private var ring: [Double] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(capacity, 3) }

    mutating func append(_ value: Double) {
        guard value.isFinite else { return }
        if ring.count < capacity {
            ring.append(value)
        } else {
            ring[next] = value
        }
        next = (next + 1) % capacity
    }

    mutating func removeAll() {
        ring.removeAll(keepingCapacity: true)
        next = 0
    }

    /// Scale-equivalent of one sigma for Gaussian data, or nil with too few samples.
    func sigma(minimumCount: Int) -> Double? {
        guard ring.count >= max(minimumCount, 3) else { return nil }
        let med = Self.median(ring)
        let mad = Self.median(ring.map { abs($0 - med) })
        return 1.4826 * mad
    }

    /// Root mean square of the stored values (reported as residual RMS).
    var rms: Double? {
        guard !ring.isEmpty else { return nil }
        return (ring.reduce(0) { $0 + $1 * $1 } / Double(ring.count)).squareRoot()
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}
