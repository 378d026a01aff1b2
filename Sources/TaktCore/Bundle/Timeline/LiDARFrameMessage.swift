/// A `/lidar/<id>/frames` record (schema `takt.LidarFrame`). The common time fields are the host path: kernel
/// receive time of the frame's first packet through the clock model; the sensor's own time comes beside it.
public struct LiDARFrameMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var frameId: String
    public var lidarFrameId: UInt32
    public var firstMeasurementId: Int
    public var lastMeasurementId: Int
    public var expectedColumns: Int
    public var receivedColumns: Int
    public var complete: Bool
    public var packets: Int
    public var sensorTimestamp: UInt64?
    public var timestampMode: String
    public var sensorGpsTimeNs: Int64?
    public var sensorOffsetNs: Int64?
    /// A `LiDARSyncVerdict` raw value, or `unknown` when the frame had no timed packet.
    public var sync: String
    public var hostReceiveNs: Int64?

    public init(
        time: TimelineTime, sensorId: String, frame: LiDARFrameRecord, packets: Int, sensorTimestamp: UInt64?,
        mode: LiDARTimestampMode, mapping: LiDARTimeMapping?, hostReceive: MonotonicInstant?
    ) {
        (timestamp, gpsTimeNs, timeProvenance, timeSigmaNs) = time.messageFields
        frameId = sensorId
        lidarFrameId = frame.frameID
        firstMeasurementId = frame.firstMeasurementID
        lastMeasurementId = frame.lastMeasurementID
        expectedColumns = frame.expectedColumns
        receivedColumns = frame.receivedColumns
        complete = frame.isComplete
        self.packets = packets
        self.sensorTimestamp = sensorTimestamp
        timestampMode = mode.rawValue
        sensorGpsTimeNs = mapping?.sensorGPS?.nanosecondsSinceEpoch
        sensorOffsetNs = mapping?.offsetNanoseconds
        sync = mapping?.verdict.rawValue ?? "unknown"
        hostReceiveNs = hostReceive?.nanoseconds
    }
}
