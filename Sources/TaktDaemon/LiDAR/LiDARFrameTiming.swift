public import TaktCore

/// Remembers, per open frame, its first packet's times and counts its packets, so a frame record closed later by
/// the loss tracker can carry when it was captured. Bounded: frames that never close are dropped oldest first.
public struct LiDARFrameTiming: Sendable {
    public struct Start: Sendable, Hashable {
        public var sensorTimestamp: UInt64?
        public var host: MonotonicInstant
        public var stamp: StampedTime
        public var packets: Int
    }

    private var open: [UInt32: Start] = [:]
    private var order: [UInt32] = []
    private let limit: Int

    public init(limit: Int = 64) { self.limit = limit }

    /// Notes one lidar packet of `frameID`.
    public mutating func packet(frameID: UInt32, sensorTimestamp: UInt64?, host: MonotonicInstant, stamp: StampedTime) {
        if var start = open[frameID] {
            start.packets += 1
            if start.sensorTimestamp == nil { start.sensorTimestamp = sensorTimestamp }
            open[frameID] = start
            return
        }
        open[frameID] = Start(sensorTimestamp: sensorTimestamp, host: host, stamp: stamp, packets: 1)
        order.append(frameID)
        while order.count > limit { open[order.removeFirst()] = nil }
    }

    /// The start of a closed frame, forgotten afterwards.
    public mutating func close(frameID: UInt32) -> Start? {
        guard let start = open.removeValue(forKey: frameID) else { return nil }
        order.removeAll { $0 == frameID }
        return start
    }
}
