/// Per-sensor loss counters, exact and cumulative since the tracker started.
public struct LiDARLossCounters: Sendable, Hashable, Codable {
    /// Well-formed packets accepted (including duplicates and late ones).
    public var packets: Int64 = 0
    public var bytes: Int64 = 0
    /// Packets the decoder rejected (garbage, truncated, oversized, wrong layout).
    public var malformed: Int64 = 0
    /// Packets that never arrived: confirmed holes in the sequence.
    public var lost: Int64 = 0
    /// Holes still within the reorder window: may yet be filled by a late packet.
    public var pendingLost: Int64 = 0
    public var duplicates: Int64 = 0
    public var outOfOrder: Int64 = 0
    public var completeFrames: Int64 = 0
    public var incompleteFrames: Int64 = 0
    /// Datagrams dropped because the receive queue to the consumer was full.
    public var queueOverflows: Int64 = 0
    /// The kernel's socket-queue overflow counter (SO_RXQ_OVFL), when available.
    public var kernelDrops: Int64 = 0
    /// Sensor restarts (Ouster init id changed).
    public var restarts: Int64 = 0
    /// Times the sensor went silent.
    public var silences: Int64 = 0
    /// IMU / position packets (not sequence-tracked).
    public var auxiliaryPackets: Int64 = 0

    public init() {}
}
