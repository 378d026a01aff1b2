/// Completeness of one rotation (frame), written into the bundle beside the raw packets.
public struct LiDARFrameRecord: Sendable, Hashable, Codable {
    public var frameID: UInt32
    public var firstMeasurementID: Int
    public var lastMeasurementID: Int
    public var expectedColumns: Int
    public var receivedColumns: Int

    public init(frameID: UInt32, firstMeasurementID: Int, lastMeasurementID: Int, expectedColumns: Int, receivedColumns: Int) {
        self.frameID = frameID
        self.firstMeasurementID = firstMeasurementID
        self.lastMeasurementID = lastMeasurementID
        self.expectedColumns = expectedColumns
        self.receivedColumns = receivedColumns
    }

    public var isComplete: Bool { receivedColumns >= expectedColumns }
}

/// A stretch with no packets from a sensor, recorded when packets return.
public struct LiDARSilence: Sendable, Hashable, Codable {
    public var lastPacketAt: MonotonicInstant
    public var resumedAt: MonotonicInstant
    public var duration: Duration { resumedAt - lastPacketAt }

    public init(lastPacketAt: MonotonicInstant, resumedAt: MonotonicInstant) {
        self.lastPacketAt = lastPacketAt
        self.resumedAt = resumedAt
    }
}
