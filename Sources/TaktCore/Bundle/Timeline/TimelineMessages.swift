/// The JSON messages of the timeline. Encoded with snake_case keys; every one carries the Foxglove `timestamp`
/// (UTC), the GPS time in ns, its provenance and σ, so no consumer has to guess which clock a number is on.
public struct TimelineStamp: Codable, Sendable, Equatable {
    public var sec: UInt64
    public var nsec: UInt32
    public init(unixNanoseconds: Int64) {
        let s = max(0, unixNanoseconds) / 1_000_000_000
        sec = UInt64(s)
        nsec = UInt32(max(0, unixNanoseconds) - s * 1_000_000_000)
    }
}

/// Fields common to every timeline message.
public struct TimelineTime: Sendable, Equatable {
    public var stamp: StampedTime
    public var leapSeconds: Int
    public init(_ stamp: StampedTime, leapSeconds: Int) {
        self.stamp = stamp
        self.leapSeconds = leapSeconds
    }
    /// The four time fields every message carries: Foxglove `timestamp` (UTC), GPS ns, provenance, σ.
    public var messageFields: (TimelineStamp, Int64, TimeProvenance, Double) {
        (TimelineStamp(unixNanoseconds: stamp.gps.unixUTCNanoseconds(leapSeconds: leapSeconds)),
         stamp.gps.nanosecondsSinceEpoch, stamp.provenance, stamp.sigmaNanoseconds)
    }
    /// MCAP log_time: UTC Unix ns, so Foxglove shows wall-clock time.
    public var logTime: UInt64 { UInt64(max(0, stamp.gps.unixUTCNanoseconds(leapSeconds: leapSeconds))) }
}

public struct FixMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var frameId: String
    public var latitude: Double
    public var longitude: Double
    public var altitude: Double
    public var positionCovariance: [Double]
    public var positionCovarianceType: Int
    public var fixMode: Int
    public var fixStatus: String?
    public var speedMps: Double?
    public var trackDeg: Double?
    public var satellitesUsed: Int?
    public var hostReceiveNs: Int64?
    public var source: String

    public init(
        time: TimelineTime, frameId: String, latitude: Double, longitude: Double, altitude: Double,
        horizontalSigma: Double?, verticalSigma: Double?, fixMode: Int, fixStatus: String?, speedMps: Double?,
        trackDeg: Double?, satellitesUsed: Int?, hostReceive: MonotonicInstant?, source: String
    ) {
        (timestamp, gpsTimeNs, timeProvenance, timeSigmaNs) = time.messageFields
        self.frameId = frameId
        self.latitude = latitude
        self.longitude = longitude
        self.altitude = altitude
        if let h = horizontalSigma, let v = verticalSigma {
            positionCovariance = [h * h, 0, 0, 0, h * h, 0, 0, 0, v * v]
            positionCovarianceType = 2
        } else {
            positionCovariance = Array(repeating: 0, count: 9)
            positionCovarianceType = 0
        }
        self.fixMode = fixMode
        self.fixStatus = fixStatus
        self.speedMps = speedMps
        self.trackDeg = trackDeg
        self.satellitesUsed = satellitesUsed
        hostReceiveNs = hostReceive?.nanoseconds
        self.source = source
    }
}

public struct SkyMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var frameId: String
    public var satellitesVisible: Int
    public var satellitesUsed: Int
    public var hdop: Double?
    public var pdop: Double?
    public init(time: TimelineTime, frameId: String, satellitesVisible: Int, satellitesUsed: Int, hdop: Double?, pdop: Double?) {
        (timestamp, gpsTimeNs, timeProvenance, timeSigmaNs) = time.messageFields
        self.frameId = frameId
        self.satellitesVisible = satellitesVisible
        self.satellitesUsed = satellitesUsed
        self.hdop = hdop
        self.pdop = pdop
    }
}

public struct PPSEdgeMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var frameId: String
    public var hostMonotonicNs: Int64
    public var labelGpsSecond: Int64?
    public var labelSource: String?
    public var residualNs: Double?
    public var accepted: Bool
    public var rejectReason: String?
    public init(
        time: TimelineTime, frameId: String, host: MonotonicInstant, labelGPSSecond: Int64?, labelSource: String?,
        residualNs: Double?, accepted: Bool, rejectReason: String?
    ) {
        (timestamp, gpsTimeNs, timeProvenance, timeSigmaNs) = time.messageFields
        self.frameId = frameId
        hostMonotonicNs = host.nanoseconds
        labelGpsSecond = labelGPSSecond
        self.labelSource = labelSource
        self.residualNs = residualNs
        self.accepted = accepted
        self.rejectReason = rejectReason
    }
}

public struct ClockMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var locked: Bool
    public var source: String
    public var offsetNs: Double?
    public var driftPpm: Double?
    public var jitterNs: Double?
    public var sigmaNs: Double?
    public var holdoverS: Double?
    public var leapSeconds: Int
    public var leapSecondsSource: String
    public init(time: TimelineTime, status: TimeStatus) {
        (timestamp, gpsTimeNs, timeProvenance, timeSigmaNs) = time.messageFields
        locked = status.locked
        source = status.source
        offsetNs = status.offsetNanoseconds
        driftPpm = status.driftPPM
        jitterNs = status.jitterNanoseconds
        sigmaNs = status.sigmaNanoseconds
        holdoverS = status.holdoverSeconds
        leapSeconds = status.leapSeconds
        leapSecondsSource = status.leapSecondsSource
    }
}

public struct EventMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var kind: String
    public var source: String
    public var message: String
    public var gapStartGpsNs: Int64?
    public var gapEndGpsNs: Int64?
    public var attributes: [String: String]
    public init(
        time: TimelineTime, kind: String, source: String, message: String, gapStart: GPSTime? = nil,
        gapEnd: GPSTime? = nil, attributes: [String: String] = [:]
    ) {
        (timestamp, gpsTimeNs, timeProvenance, timeSigmaNs) = time.messageFields
        self.kind = kind
        self.source = source
        self.message = message
        gapStartGpsNs = gapStart?.nanosecondsSinceEpoch
        gapEndGpsNs = gapEnd?.nanosecondsSinceEpoch
        self.attributes = attributes
    }
}

public struct SensorStatsMessage: Codable, Sendable, Equatable {
    public var timestamp: TimelineStamp
    public var gpsTimeNs: Int64
    public var timeProvenance: TimeProvenance
    public var timeSigmaNs: Double
    public var frameId: String
    public var health: String
    public var messagesPerSecond: Double
    public var bytesPerSecond: Double
    public var counters: [String: Int64]
    public init(time: TimelineTime, status: SensorStatus) {
        (timestamp, gpsTimeNs, timeProvenance, timeSigmaNs) = time.messageFields
        frameId = status.id
        health = status.health.rawValue
        messagesPerSecond = status.messagesPerSecond
        bytesPerSecond = status.bytesPerSecond
        counters = status.counters
    }
}
