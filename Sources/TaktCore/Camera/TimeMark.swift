/// One hardware time mark on the GNSS receiver's event input (u-blox TIM-TM2, NovAtel MARKTIME): the receiver's
/// rising-edge counter and the edge's GPS time, if the receiver had a valid time.
public struct TimeMark: Sendable, Hashable, Codable {
    /// Event input (EXTINT) the edge arrived on.
    public var channel: UInt8
    /// Rising-edge counter; wraps at 65 536. Consecutive reported marks whose counts differ by more than one
    /// mean edges the receiver counted but did not report (only the last edge per navigation epoch is).
    public var count: UInt16
    /// GPS time of the rising edge; nil when the receiver flagged its time invalid or reported no new edge.
    public var rising: GPSTime?
    /// Receiver's accuracy estimate of the mark, ns.
    public var accuracyNanoseconds: Double

    public init(channel: UInt8 = 0, count: UInt16, rising: GPSTime?, accuracyNanoseconds: Double) {
        self.channel = channel
        self.count = count
        self.rising = rising
        self.accuracyNanoseconds = accuracyNanoseconds
    }

    /// Largest GPS week accepted from a receiver (year ≈ 2270).
    public static let maximumWeek: UInt16 = 15_000

    /// From a decoded TIM-TM2. UTC-based marks (timeBase 2) are moved to GPS time with `leapSeconds`; marks
    /// without a new rising edge or a valid time carry no time (the counter still counts).
    public init(_ tm2: UBXTimTM2, leapSeconds: Int) {
        channel = tm2.channel
        count = tm2.count
        accuracyNanoseconds = Double(tm2.accuracyEstimateNanoseconds)
        // A week beyond ~2270 cannot be a real mark (and would overflow GPS-time nanoseconds): treat as invalid.
        // main's UBX decoder gives no edge time for an out-of-range week (merge of camera-core onto it).
        if tm2.newRisingEdge, tm2.timeValid, tm2.weekRising <= Self.maximumWeek, let edge = tm2.risingEdge {
            rising = tm2.timeBase == 2 ? edge + .seconds(leapSeconds) : edge
        } else {
            rising = nil
        }
    }
}
