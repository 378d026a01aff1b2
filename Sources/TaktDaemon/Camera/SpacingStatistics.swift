/// Distances between consecutive distance triggers, for the status line: how well the rig holds the asked
/// spacing. A pause (standstill, no position) breaks the chain so a stop is not counted as one long gap.
struct SpacingStatistics: Sendable {
    private(set) var spacings: [Double] = []
    private var lastDistance: Double?
    let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    mutating func fired(atDistance d: Double) {
        if let last = lastDistance { spacings.append(d - last) }
        if spacings.count > capacity { spacings.removeFirst(spacings.count - capacity) }
        lastDistance = d
    }

    mutating func breakChain() { lastDistance = nil }

    var mean: Double? { spacings.isEmpty ? nil : spacings.reduce(0, +) / Double(spacings.count) }

    /// Nearest-rank 95th percentile: the spacing 95 % of consecutive triggers stay under.
    var p95: Double? {
        guard !spacings.isEmpty else { return nil }
        let sorted = spacings.sorted()
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
