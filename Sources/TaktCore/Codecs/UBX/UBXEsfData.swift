/// One ESF sensor datum: a 24-bit signed value and its data type, as packed in ESF-MEAS and ESF-RAW.
public struct UBXEsfData: Hashable, Sendable, Codable {
    /// 5 gyro z, 6–9 wheel ticks, 10 speed ticks, 11 speed, 12 gyro temperature, 13 gyro y, 14 gyro x,
    /// 16/17/18 accelerometer x/y/z.
    public var dataType: UInt8
    /// The raw 24-bit value, sign-extended.
    public var rawValue: Int32

    public init(dataType: UInt8, rawValue: Int32) {
        self.dataType = dataType
        self.rawValue = rawValue
    }

    /// Unpacks `value` from bits 0–23 and the type from the bits above, masked to `typeMask`.
    init(word: UInt32, typeMask: UInt32) {
        dataType = UInt8((word >> 24) & typeMask)
        rawValue = Int32(bitPattern: word << 8) >> 8
    }

    /// The value in SI-ish units: deg/s for gyros, m/s² for accelerometers, °C for temperature, raw otherwise.
    public var scaledValue: Double {
        switch dataType {
        case 5, 13, 14: Double(rawValue) / 4096
        case 16, 17, 18: Double(rawValue) / 1024
        case 12: Double(rawValue) / 100
        default: Double(rawValue)
        }
    }
}
