/// Everything `takt status` shows, as the daemon serves it on its control socket (JSON, schema in
/// docs/status-schema.md). Built by the daemon from its services' state; rendered by the CLI.
public struct StatusSnapshot: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var daemon: DaemonInfo
    public var recording: RecordingStatus
    public var time: TimeStatus
    public var gnss: [GNSSStatus]
    public var sensors: [SensorStatus]
    public var trigger: TriggerStatus?
    public var disk: DiskStatus?
    public var warnings: [String]

    public init(
        daemon: DaemonInfo, recording: RecordingStatus, time: TimeStatus, gnss: [GNSSStatus] = [],
        sensors: [SensorStatus] = [], trigger: TriggerStatus? = nil, disk: DiskStatus? = nil, warnings: [String] = []
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.daemon = daemon
        self.recording = recording
        self.time = time
        self.gnss = gnss
        self.sensors = sensors
        self.trigger = trigger
        self.disk = disk
        self.warnings = warnings
    }
}

public struct DaemonInfo: Codable, Sendable, Equatable {
    public var version: String
    public var pid: Int32
    public var vehicleId: String
    public var rigPath: String
    public var uptimeSeconds: Double
    public var simulated: Bool
    public init(version: String, pid: Int32, vehicleId: String, rigPath: String, uptimeSeconds: Double, simulated: Bool) {
        self.version = version
        self.pid = pid
        self.vehicleId = vehicleId
        self.rigPath = rigPath
        self.uptimeSeconds = uptimeSeconds
        self.simulated = simulated
    }
}

public enum RecordingState: String, Codable, Sendable, Equatable {
    /// Waiting for the first GNSS time to name the session.
    case starting
    case recording
    case paused
    case stopped
    /// Stopped by the disk guard before the disk filled.
    case stoppedDiskLow = "stopped-disk-low"
    /// The writer hit an I/O error and stopped; data up to the last sync is safe.
    case failed
}

public struct RecordingStatus: Codable, Sendable, Equatable {
    public var state: RecordingState
    /// True only when recording and every policy in the rig holds (e.g. time PPS-locked).
    public var ok: Bool
    /// Why not OK, in words an operator can act on.
    public var reasons: [String]
    public var sessionPath: String?
    public var segmentIndex: Int?
    public var segmentsClosed: Int
    public var bytesWritten: Int64
    public var marks: Int
    public init(
        state: RecordingState, ok: Bool, reasons: [String] = [], sessionPath: String? = nil, segmentIndex: Int? = nil,
        segmentsClosed: Int = 0, bytesWritten: Int64 = 0, marks: Int = 0
    ) {
        self.state = state
        self.ok = ok
        self.reasons = reasons
        self.sessionPath = sessionPath
        self.segmentIndex = segmentIndex
        self.segmentsClosed = segmentsClosed
        self.bytesWritten = bytesWritten
        self.marks = marks
    }
}

public struct TimeStatus: Codable, Sendable, Equatable {
    public var provenance: TimeProvenance
    public var locked: Bool
    /// Where the discipline comes from, e.g. "pps0 (simulated) labelled by ubx0 TIM-TP".
    public var source: String
    /// System clock (CLOCK_REALTIME) minus UTC from the time base; nil while only the host clock is known.
    public var offsetNanoseconds: Double?
    public var jitterNanoseconds: Double?
    public var driftPPM: Double?
    public var sigmaNanoseconds: Double?
    public var holdoverSeconds: Double?
    public var lastPPSAgeSeconds: Double?
    public var leapSeconds: Int
    public var leapSecondsSource: String
    public var gpsTime: GPSTime?
    public init(
        provenance: TimeProvenance, locked: Bool, source: String, offsetNanoseconds: Double? = nil,
        jitterNanoseconds: Double? = nil, driftPPM: Double? = nil, sigmaNanoseconds: Double? = nil,
        holdoverSeconds: Double? = nil, lastPPSAgeSeconds: Double? = nil, leapSeconds: Int = GPSTime.defaultLeapSeconds,
        leapSecondsSource: String = "fallback", gpsTime: GPSTime? = nil
    ) {
        self.provenance = provenance
        self.locked = locked
        self.source = source
        self.offsetNanoseconds = offsetNanoseconds
        self.jitterNanoseconds = jitterNanoseconds
        self.driftPPM = driftPPM
        self.sigmaNanoseconds = sigmaNanoseconds
        self.holdoverSeconds = holdoverSeconds
        self.lastPPSAgeSeconds = lastPPSAgeSeconds
        self.leapSeconds = leapSeconds
        self.leapSecondsSource = leapSecondsSource
        self.gpsTime = gpsTime
    }
}

public struct GNSSStatus: Codable, Sendable, Equatable {
    public var id: String
    public var connected: Bool
    /// 0 unknown, 1 no fix, 2 2D, 3 3D (gpsd's mode).
    public var fixMode: Int
    public var fixStatus: String?
    public var satellitesUsed: Int?
    public var satellitesVisible: Int?
    public var horizontalAccuracyMeters: Double?
    public var verticalAccuracyMeters: Double?
    public var latitude: Double?
    public var longitude: Double?
    public var speedMetersPerSecond: Double?
    public var lastFixAgeSeconds: Double?
    public var gaps: Int
    public init(
        id: String, connected: Bool, fixMode: Int = 0, fixStatus: String? = nil, satellitesUsed: Int? = nil,
        satellitesVisible: Int? = nil, horizontalAccuracyMeters: Double? = nil, verticalAccuracyMeters: Double? = nil,
        latitude: Double? = nil, longitude: Double? = nil, speedMetersPerSecond: Double? = nil,
        lastFixAgeSeconds: Double? = nil, gaps: Int = 0
    ) {
        self.id = id
        self.connected = connected
        self.fixMode = fixMode
        self.fixStatus = fixStatus
        self.satellitesUsed = satellitesUsed
        self.satellitesVisible = satellitesVisible
        self.horizontalAccuracyMeters = horizontalAccuracyMeters
        self.verticalAccuracyMeters = verticalAccuracyMeters
        self.latitude = latitude
        self.longitude = longitude
        self.speedMetersPerSecond = speedMetersPerSecond
        self.lastFixAgeSeconds = lastFixAgeSeconds
        self.gaps = gaps
    }
}

public enum SensorHealth: String, Codable, Sendable, Equatable {
    case ok, starting, silent, disconnected, restarting, failed
}

public struct SensorStatus: Codable, Sendable, Equatable {
    public var id: String
    public var kind: SensorKind
    public var health: SensorHealth
    public var detail: String?
    public var messagesPerSecond: Double
    public var bytesPerSecond: Double
    public var lastDataAgeSeconds: Double?
    public var restarts: Int
    /// Loss and error counters by name (e.g. "badChecksum", "queueOverflow", "gaps").
    public var counters: [String: Int64]
    public init(
        id: String, kind: SensorKind, health: SensorHealth, detail: String? = nil, messagesPerSecond: Double = 0,
        bytesPerSecond: Double = 0, lastDataAgeSeconds: Double? = nil, restarts: Int = 0, counters: [String: Int64] = [:]
    ) {
        self.id = id
        self.kind = kind
        self.health = health
        self.detail = detail
        self.messagesPerSecond = messagesPerSecond
        self.bytesPerSecond = bytesPerSecond
        self.lastDataAgeSeconds = lastDataAgeSeconds
        self.restarts = restarts
        self.counters = counters
    }
}

public struct TriggerStatus: Codable, Sendable, Equatable {
    public var fired: Int
    public var imagesReceived: Int
    public var imagesMissing: Int
    public var spacingAskedMeters: Double?
    public var spacingMeanMeters: Double?
    public var spacingP95Meters: Double?
    /// TIM-TM2 marks: triggers whose mark was lost or missing, and marks no trigger explains (extra, duplicate,
    /// conflicting, ambiguous). Nil when the camera has no event input.
    public var marksLost: Int?
    public var marksExtra: Int?
    /// The camera's minimum interval cannot keep the spacing at the current speed.
    public var speedTooFast: Bool?
    /// The camera itself: connection, battery, storage.
    public var camera: CameraDeviceStatus?
    public init(
        fired: Int, imagesReceived: Int, imagesMissing: Int, spacingAskedMeters: Double? = nil,
        spacingMeanMeters: Double? = nil, spacingP95Meters: Double? = nil, marksLost: Int? = nil,
        marksExtra: Int? = nil, speedTooFast: Bool? = nil, camera: CameraDeviceStatus? = nil
    ) {
        self.marksLost = marksLost
        self.marksExtra = marksExtra
        self.speedTooFast = speedTooFast
        self.camera = camera
        self.fired = fired
        self.imagesReceived = imagesReceived
        self.imagesMissing = imagesMissing
        self.spacingAskedMeters = spacingAskedMeters
        self.spacingMeanMeters = spacingMeanMeters
        self.spacingP95Meters = spacingP95Meters
    }
}

public struct DiskStatus: Codable, Sendable, Equatable {
    public var path: String
    public var availableBytes: Int64
    public var totalBytes: Int64
    public var reserveBytes: Int64
    public var writeBytesPerSecond: Double
    /// Time until free space reaches the reserve at the current write rate; nil when not writing.
    public var etaSeconds: Double?
    public var level: DiskLevel
    public init(
        path: String, availableBytes: Int64, totalBytes: Int64, reserveBytes: Int64, writeBytesPerSecond: Double,
        etaSeconds: Double?, level: DiskLevel
    ) {
        self.path = path
        self.availableBytes = availableBytes
        self.totalBytes = totalBytes
        self.reserveBytes = reserveBytes
        self.writeBytesPerSecond = writeBytesPerSecond
        self.etaSeconds = etaSeconds
        self.level = level
    }
}

public enum DiskLevel: String, Codable, Sendable, Equatable { case ok, warning, critical }
