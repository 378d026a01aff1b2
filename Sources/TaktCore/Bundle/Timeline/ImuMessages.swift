/// Three optional axes: a sample set may lack some axes (ESF-RAW carries only what the sensor reports).
public struct AxisTriple: Codable, Sendable, Equatable {
    public var x: Double?
    public var y: Double?
    public var z: Double?
    public init(x: Double? = nil, y: Double? = nil, z: Double? = nil) {
        self.x = x
        self.y = y
        self.z = z
    }
}

public struct ImuMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var frameId: String
    public var sensorTimeTag: UInt32
    public var angularVelocityDps: AxisTriple
    public var linearAccelerationMps2: AxisTriple
    public var temperatureC: Double?
    public var source: String
    public var hostReceiveNs: Int64
    public init(
        time: TimelineTime, frameId: String, sensorTimeTag: UInt32, gyro: AxisTriple, accel: AxisTriple,
        temperatureC: Double?, source: String, hostReceive: MonotonicInstant
    ) {
        (timestamp, gpsTimeNs, timeProvenance, timeSigmaNs) = time.messageFields
        self.frameId = frameId
        self.sensorTimeTag = sensorTimeTag
        angularVelocityDps = gyro
        linearAccelerationMps2 = accel
        self.temperatureC = temperatureC
        self.source = source
        hostReceiveNs = hostReceive.nanoseconds
    }

    /// Groups ESF data words by time tag into sample sets (gyro 5/13/14, accel 16/17/18, temperature 12).
    public static func sampleSets(_ samples: [(tag: UInt32, data: UBXEsfData)]) -> [(tag: UInt32, gyro: AxisTriple, accel: AxisTriple, temp: Double?)] {
        var order: [UInt32] = []
        var sets: [UInt32: (AxisTriple, AxisTriple, Double?)] = [:]
        for (tag, d) in samples {
            if sets[tag] == nil {
                order.append(tag)
                sets[tag] = (AxisTriple(), AxisTriple(), nil)
            }
            guard var s = sets[tag] else { continue }
            switch d.dataType {
            case 14: s.0.x = d.scaledValue
            case 13: s.0.y = d.scaledValue
            case 5: s.0.z = d.scaledValue
            case 16: s.1.x = d.scaledValue
            case 17: s.1.y = d.scaledValue
            case 18: s.1.z = d.scaledValue
            case 12: s.2 = d.scaledValue
            default: break
            }
            sets[tag] = s
        }
        return order.compactMap { t in sets[t].map { (t, $0.0, $0.1, $0.2) } }
    }
}

public struct TimeMarkMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var frameId: String
    public var channel: Int
    public var count: Int
    public var risingGpsNs: Int64?
    public var fallingGpsNs: Int64?
    public var newRisingEdge: Bool
    public var newFallingEdge: Bool
    public var timeValid: Bool
    public var timeBase: Int
    public var accuracyNs: Int64
    public var hostReceiveNs: Int64
    public init(time: TimelineTime, frameId: String, mark: UBXTimTM2, hostReceive: MonotonicInstant) {
        (timestamp, gpsTimeNs, timeProvenance, timeSigmaNs) = time.messageFields
        self.frameId = frameId
        channel = Int(mark.channel)
        count = Int(mark.count)
        risingGpsNs = mark.newRisingEdge || mark.timeValid ? mark.risingEdge?.nanosecondsSinceEpoch : nil
        fallingGpsNs = mark.newFallingEdge ? mark.fallingEdge?.nanosecondsSinceEpoch : nil
        newRisingEdge = mark.newRisingEdge
        newFallingEdge = mark.newFallingEdge
        timeValid = mark.timeValid
        timeBase = Int(mark.timeBase)
        accuracyNs = Int64(mark.accuracyEstimateNanoseconds)
        hostReceiveNs = hostReceive.nanoseconds
    }
}
