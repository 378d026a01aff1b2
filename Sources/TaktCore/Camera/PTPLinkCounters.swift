/// Counts of bad input on a PTP camera link. None of these stop capture; all of them belong in status so an
/// operator sees a flaky cable or a misbehaving camera.
public struct PTPLinkCounters: Hashable, Sendable, Codable {
    /// Bulk-IN transfers that did not start with a valid container header (discarded whole).
    public var garbageTransfers = 0
    /// Bytes discarded with them, or with half-received containers after a transfer error.
    public var discardedBytes = 0
    /// Well-formed containers that belonged to no open transaction (stale, or out of order).
    public var ignoredContainers = 0
    /// Interrupt transfers that were not a valid event container.
    public var garbageEvents = 0
    /// Valid events Takt does not act on (property changes, storage info changes).
    public var otherEvents = 0
    /// Objects the camera announced by itself that are not JPEG images (a RAW twin of RAW+JPEG mode, a folder):
    /// not a trigger's image, so not downloaded; they stay on the camera.
    public var otherObjects = 0

    public init() {}

    /// Adds another camera instance's counts (one per connection between outages).
    public mutating func add(_ other: PTPLinkCounters) {
        garbageTransfers += other.garbageTransfers
        discardedBytes += other.discardedBytes
        ignoredContainers += other.ignoredContainers
        garbageEvents += other.garbageEvents
        otherEvents += other.otherEvents
        otherObjects += other.otherObjects
    }
}
