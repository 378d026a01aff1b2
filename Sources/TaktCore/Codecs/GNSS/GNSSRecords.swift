/// A PPS announcement from UBX-TIM-TP: the time of the next timepulse edge and its quantisation error.
public struct GNSSTimePulse: Hashable, Sendable, Codable {
    /// Pulse time on `timeBase`.
    public var pulseTime: GPSTime
    /// "gps" or "utc" (TIM-TP flags bit 0); UTC-based pulse times are not converted.
    public var timeBase: String
    public var quantizationErrorPicoseconds: Int32
    public var quantizationErrorValid: Bool
}

/// An EXTINT time mark from UBX-TIM-TM2 (camera strobe or trigger loop-back).
public struct GNSSTimeMark: Hashable, Sendable, Codable {
    public var channel: Int
    public var count: Int
    /// Present when this message carries a new rising/falling edge.
    public var risingEdge: GPSTime?
    public var fallingEdge: GPSTime?
    /// "receiver", "gnss" or "utc".
    public var timeBase: String
    public var timeValid: Bool
    public var accuracyEstimateNanoseconds: UInt32
}

/// One IMU/odometry value from ESF-RAW, ESF-MEAS or ESF-INS.
public struct GNSSIMUSample: Hashable, Sendable, Codable {
    /// "esfRaw", "esfMeas" or "esfIns".
    public var source: String
    /// Receiver-local sensor time tag (ESF-RAW/MEAS); not GPS time, mapped later by the time-sync model.
    public var sensorTimeTag: UInt32?
    /// GPS time of week (ms) for ESF-INS.
    public var iTOWMilliseconds: UInt32?
    /// ESF data type (5 gyro z … 18 accel z); nil for ESF-INS.
    public var dataType: Int?
    /// "gyroX", "accelZ", "gyroTemperature", "wheelTicksFL", "speed", ...
    public var quantity: String
    /// deg/s, m/s², °C, or raw counts for odometry.
    public var value: Double
}

/// What the assembler yields. JSON: `{"kind":"epoch", ...fields}`.
public enum GNSSRecord: Hashable, Sendable {
    case epoch(GNSSEpoch)
    /// HNR-PVT: a high-rate fused solution, kept apart from the nav epochs.
    case highRateEpoch(GNSSEpoch)
    case timePulse(GNSSTimePulse)
    case timeMark(GNSSTimeMark)
    case imu(GNSSIMUSample)

    public var kind: String {
        switch self {
        case .epoch: "epoch"
        case .highRateEpoch: "highRateEpoch"
        case .timePulse: "timePulse"
        case .timeMark: "timeMark"
        case .imu: "imu"
        }
    }
}
