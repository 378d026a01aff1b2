/// Faults to inject while replaying, by index into the replayed packet list. Sites should not overlap (a packet
/// both dropped and duplicated is ambiguous); `problems` reports overlaps and out-of-range sites.
public struct LiDARFaultPlan: Sendable, Hashable {
    /// Packets never sent.
    public var drops: Set<Int> = []
    /// Packets sent twice in a row.
    public var duplicates: Set<Int> = []
    /// Packet i is sent after packet i + 1.
    public var reorders: Set<Int> = []
    /// Random junk datagrams (not a valid LiDAR size) sent right after packet i, to the same port.
    public var garbageAfter: Set<Int> = []
    /// A pause (no packets at all) before packet i.
    public var silences: [Int: Duration] = [:]
    public var seed: UInt64 = 1

    public init(
        drops: Set<Int> = [], duplicates: Set<Int> = [], reorders: Set<Int> = [], garbageAfter: Set<Int> = [],
        silences: [Int: Duration] = [:], seed: UInt64 = 1
    ) {
        self.drops = drops
        self.duplicates = duplicates
        self.reorders = reorders
        self.garbageAfter = garbageAfter
        self.silences = silences
        self.seed = seed
    }

    /// Overlapping or out-of-range fault sites for a list of `count` packets.
    public func problems(packetCount count: Int) -> [String] {
        var problems: [String] = []
        let swapped = Set(reorders.flatMap { [$0, $0 + 1] })
        for site in drops.union(duplicates).union(swapped).union(garbageAfter) where site < 0 || site >= count {
            problems.append("fault site \(site) outside 0..<\(count)")
        }
        if !drops.isDisjoint(with: duplicates) { problems.append("a packet is both dropped and duplicated") }
        if !swapped.isDisjoint(with: drops.union(duplicates)) { problems.append("a reordered packet has another fault") }
        if reorders.contains(where: { reorders.contains($0 + 1) }) { problems.append("reorder pairs overlap") }
        return problems
    }
}

/// Exactly what the replayer did, to compare with what the receiver and tracker counted.
public struct LiDARReplayLedger: Sendable {
    public var sent = 0
    public var dropped = 0
    public var duplicated = 0
    public var reordered = 0
    public var garbage = 0
    public var silences: [Duration] = []
    /// Every datagram actually sent, in send order, with its destination port.
    public var sentDatagrams: [(port: UInt16, payload: [UInt8])] = []

    public init() {}
}
