/// Exact gap/duplicate/reorder accounting over packet sequence numbers.
///
/// A packet whose number is above the highest seen opens holes for the numbers it skipped; a later packet that
/// fills a hole is out of order (not lost); a number already received is a duplicate. Holes become confirmed losses
/// once the highest number moves `window` beyond them, or at `finish()`. So injected drops, duplicates and swaps
/// are counted exactly once each, whatever order they interleave in.
struct SequenceLedger: Sendable, Hashable {
    enum Outcome: Sendable, Hashable {
        case first
        case inOrder
        case gap(missing: Int64)
        case duplicate
        case outOfOrder
        /// Older than the window: cannot be told from a duplicate; counted as out of order.
        case stale
    }

    let window: Int64
    private(set) var highest: Int64?
    private var holes: Set<Int64> = []
    private var received: Set<Int64> = []
    private(set) var confirmedLost: Int64 = 0

    init(window: Int64) { self.window = max(window, 1) }

    var pendingHoles: Int64 { Int64(holes.count) }

    mutating func observe(_ sequence: Int64) -> Outcome {
        guard let top = highest else {
            highest = sequence
            received.insert(sequence)
            return .first
        }
        if sequence > top {
            let missing = sequence - top - 1
            if missing > window {
                confirmedLost += missing
            } else if missing > 0 {
                for hole in (top + 1)..<sequence { holes.insert(hole) }
            }
            highest = sequence
            received.insert(sequence)
            prune()
            return missing > 0 ? .gap(missing: missing) : .inOrder
        }
        if holes.remove(sequence) != nil {
            received.insert(sequence)
            return .outOfOrder
        }
        if received.contains(sequence) { return .duplicate }
        return .stale
    }

    /// Confirms every open hole as lost (end of stream, or a sensor restart that resets numbering).
    mutating func finish() {
        confirmedLost += Int64(holes.count)
        holes.removeAll()
    }

    /// Starts numbering afresh after a restart, keeping the loss total.
    mutating func reset() {
        finish()
        highest = nil
        received.removeAll()
    }

    private mutating func prune() {
        guard let top = highest, received.count > Int(2 * window) || !holes.isEmpty else { return }
        let floor = top - window
        let expired = holes.filter { $0 < floor }
        if !expired.isEmpty {
            confirmedLost += Int64(expired.count)
            holes.subtract(expired)
        }
        if received.count > Int(2 * window) { received = received.filter { $0 >= floor } }
    }
}
