/// Running counts of what the clock model used and dropped, for status and the MCAP timeline.
public struct ClockCounters: Hashable, Sendable, Codable {
    /// Edges folded into the fit.
    public var edgesUsed = 0
    /// Edges dropped as residual outliers.
    public var outliersRejected = 0
    /// Edges dropped for other reasons (double, irregular interval, unlabelled, non-monotonic).
    public var edgesRejected = 0
    /// Edges the receiver should have produced but did not (intervals of n > 1 s while tracking).
    public var missedEdges = 0
    public var labelsRejected = 0
    public var stepsDetected = 0
    public var holdovers = 0
    public var leapReportsRejected = 0

    public init() {}
}
