/// One column's header in an Ouster lidar packet: when it was measured and where in the rotation it belongs.
public struct OusterColumnHeader: Sendable, Hashable, Codable {
    /// Sensor time of the column in ns (internal oscillator, sync-pulse or PTP time base, per the sensor config).
    public var timestampNanoseconds: UInt64
    /// Column index within the frame, 0 ..< columns per frame.
    public var measurementID: UInt16
    /// Legacy: the 32-bit column footer (0xFFFFFFFF = valid). Other profiles: the 16-bit status (bit 0 = valid).
    public var status: UInt32
    /// Legacy profile only: the per-column frame id and encoder count.
    public var frameID: UInt16?
    public var encoderCount: UInt32?

    public init(
        timestampNanoseconds: UInt64, measurementID: UInt16, status: UInt32, frameID: UInt16? = nil,
        encoderCount: UInt32? = nil
    ) {
        self.timestampNanoseconds = timestampNanoseconds
        self.measurementID = measurementID
        self.status = status
        self.frameID = frameID
        self.encoderCount = encoderCount
    }

    /// Whether the sensor marked the column as carrying valid returns (blocked or dropped columns are not).
    public var isValid: Bool { frameID != nil ? status == 0xFFFF_FFFF : status & 1 == 1 }
}
