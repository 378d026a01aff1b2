/// Inputs to `LiDARLossTracker`, in arrival order. Host times come with the events; the tracker reads no clock.
public enum LiDARLossEvent: Sendable {
    case ouster(OusterLidarPacket, bytes: Int, at: MonotonicInstant)
    case velodyne(VelodyneDataPacket, bytes: Int, at: MonotonicInstant)
    /// An IMU or position packet: counted towards liveness and throughput, not sequenced.
    case auxiliary(bytes: Int, at: MonotonicInstant)
    case malformed(bytes: Int, at: MonotonicInstant)
    /// Datagrams the receive queue had to drop (delta since the last report).
    case queueOverflow(count: Int64)
    /// The kernel's cumulative SO_RXQ_OVFL counter.
    case kernelDropTotal(Int64)
    /// Host time passes: drives silence detection.
    case tick(MonotonicInstant)
    /// End of stream: confirms open holes and closes open frames.
    case finish
}

/// What the tracker concluded from one event, for logs and the status snapshot.
public enum LiDARLossAction: Sendable, Hashable {
    case gap(missing: Int64)
    case duplicate
    case outOfOrder
    case frameClosed(LiDARFrameRecord)
    case wentSilent(lastPacketAt: MonotonicInstant)
    case resumed(LiDARSilence)
    case restarted(oldInitID: UInt32, newInitID: UInt32)
}

/// Whether packets are flowing.
public enum LiDARLinkState: Sendable, Hashable {
    case waiting
    case receiving
    case silent(since: MonotonicInstant)
}
