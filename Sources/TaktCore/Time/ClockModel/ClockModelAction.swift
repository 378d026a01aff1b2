/// What the clock model tells its owner: state changes to log and put on the MCAP timeline, and counted drops.
public enum ClockModelAction: Hashable, Sendable {
    /// PPS lock acquired for the first time or after a step reset.
    case lockAcquired(at: MonotonicInstant, sigmaNanoseconds: Double)
    /// No good edge for a while: converted stamps are now extrapolated (`pps-holdover`).
    case lockLost(at: MonotonicInstant, lastEdge: MonotonicInstant)
    /// Lock regained after holdover without a reset; `holdoverSeconds` is the gap from the last good edge before it
    /// to the first good edge after it.
    case relocked(at: MonotonicInstant, holdoverSeconds: Double, sigmaNanoseconds: Double)
    /// Edges agree with each other but not with the fit: the host clock or the receiver's time jumped.
    /// The fit is reset; stamps before and after differ by `offsetChangeNanoseconds`.
    case stepDetected(at: MonotonicInstant, offsetChangeNanoseconds: Int64)
    /// An edge was not used.
    case edgeRejected(at: MonotonicInstant, reason: EdgeRejection)
    /// A label was not used.
    case labelRejected(at: MonotonicInstant, reason: LabelRejection)
    /// GPS − UTC changed (receiver report replacing the fallback, or a leap second).
    case leapSecondsChanged(from: Int, to: Int)
}

/// Why an edge was dropped; each is counted in `ClockState`.
public enum EdgeRejection: String, Hashable, Sendable, Codable {
    /// Residual beyond max(k·σ, floor): a glitch or a delayed interrupt.
    case outlier
    /// Less than half a second after the previous edge: a double edge (both polarities, bounce).
    case doubleEdge = "double-edge"
    /// Interval not a whole number of seconds within 200 ppm during acquisition.
    case irregularInterval = "irregular-interval"
    /// No label arrived and there was no fit to infer one from.
    case unlabelled
    /// Host time went backwards.
    case nonMonotonic = "non-monotonic"
    /// Stamp outside 0…4e18 ns (a corrupt reading), where arithmetic could overflow.
    case outOfRange = "out-of-range"
}

/// Why a label was dropped; each is counted in `ClockState`.
public enum LabelRejection: String, Hashable, Sendable, Codable {
    /// Arrived more than 0.9 s after the edge it would name.
    case late
    /// Not after the previous accepted label.
    case nonMonotonic = "non-monotonic"
    /// Not a whole GPS second.
    case notWholeSecond = "not-whole-second"
    /// Disagrees with the second the fit gives the edge.
    case conflict
    /// No edge to name.
    case orphan
    /// Time outside 0…4e18 ns since the GPS epoch (a corrupt week number), where arithmetic could overflow.
    case outOfRange = "out-of-range"
}
