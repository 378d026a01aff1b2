/// The vehicle as Takt sees it: every sensor, how to reach it, where it sits, and how to record.
///
/// Rig files are JSON5 (`hw/rigs/<id>.json5`), decoded with Foundation's `JSONDecoder(allowsJSON5)` at the edge;
/// this model and its validation are pure. Units live in key names so a file reads unambiguously.
public struct RigConfig: Codable, Sendable, Hashable {
    /// Format version of the rig file; this code reads version 1.
    public var rigFormat: Int
    /// Short id of the vehicle, used in session names (`2026-06-01T08-15-00Z_<vehicleId>`).
    public var vehicleId: String
    public var description: String?
    public var sensors: [SensorConfig]
    public var trigger: TriggerPolicy?
    public var output: OutputPolicy
    public var time: TimePolicy?
    public var status: StatusEndpoint?

    public init(
        rigFormat: Int = 1, vehicleId: String, description: String? = nil, sensors: [SensorConfig],
        trigger: TriggerPolicy? = nil, output: OutputPolicy, time: TimePolicy? = nil, status: StatusEndpoint? = nil
    ) {
        self.rigFormat = rigFormat
        self.vehicleId = vehicleId
        self.description = description
        self.sensors = sensors
        self.trigger = trigger
        self.output = output
        self.time = time
        self.status = status
    }

    public func sensors(of kind: SensorKind) -> [SensorConfig] { sensors.filter { $0.kind == kind } }
}

public enum SensorKind: String, Codable, Sendable, Hashable, CaseIterable {
    case gnss, imu, lidar, camera, triggerBox = "trigger-box", pps
}

/// One physical sensor and how to reach it.
public struct SensorConfig: Codable, Sendable, Hashable {
    /// Unique id within the rig; names its raw files (`gnss/<id>.ubx`, `lidar/lidar-<id>.pcap`).
    public var id: String
    public var kind: SensorKind
    /// Make and model, e.g. "u-blox ZED-F9R".
    public var model: String
    public var connection: Connection
    /// Sensor origin in the vehicle frame (x forward, y left, z up), metres.
    public var leverArmMeters: Vector3?
    /// Sensor axes relative to the vehicle frame: roll, pitch, yaw in degrees.
    public var boresightDegrees: Attitude?
    /// One-sigma uncertainty of the lever arm, metres.
    public var leverArmSigmaMeters: Double?
    /// Fixed delay from the physical event to the host stamp (cable, receiver, USB), subtracted from host stamps.
    public var latencyNanoseconds: Int64?
    /// PPS cable + receiver delay; the edge happened this much before it was seen.
    public var ppsCableDelayNanoseconds: Int64?
    /// Sensor-specific options (e.g. Ouster metadata file, lidar mode); kept as strings so the core stays generic.
    public var options: [String: String]?

    public init(
        id: String, kind: SensorKind, model: String, connection: Connection, leverArmMeters: Vector3? = nil,
        boresightDegrees: Attitude? = nil, leverArmSigmaMeters: Double? = nil, latencyNanoseconds: Int64? = nil,
        ppsCableDelayNanoseconds: Int64? = nil, options: [String: String]? = nil
    ) {
        self.id = id
        self.kind = kind
        self.model = model
        self.connection = connection
        self.leverArmMeters = leverArmMeters
        self.boresightDegrees = boresightDegrees
        self.leverArmSigmaMeters = leverArmSigmaMeters
        self.latencyNanoseconds = latencyNanoseconds
        self.ppsCableDelayNanoseconds = ppsCableDelayNanoseconds
        self.options = options
    }
}

public struct Vector3: Codable, Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var z: Double
    public init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }
}

public struct Attitude: Codable, Sendable, Hashable {
    public var roll: Double
    public var pitch: Double
    public var yaw: Double
    public init(roll: Double, pitch: Double, yaw: Double) {
        self.roll = roll
        self.pitch = pitch
        self.yaw = yaw
    }
}

/// How to reach a sensor. Exactly one endpoint is set, and it must suit the sensor's kind.
public struct Connection: Codable, Sendable, Hashable {
    public var gpsd: GPSDEndpoint?
    public var serial: SerialEndpoint?
    public var udp: UDPEndpoint?
    public var usb: USBEndpoint?
    /// RFC 2783 PPS device (`/dev/pps0`) or a serial line whose DCD carries PPS (`/dev/ttyUSB0`).
    public var ppsDevice: String?
    /// Driven by the built-in simulator (`takt simulate`).
    public var simulated: Bool?

    public init(
        gpsd: GPSDEndpoint? = nil, serial: SerialEndpoint? = nil, udp: UDPEndpoint? = nil, usb: USBEndpoint? = nil,
        ppsDevice: String? = nil, simulated: Bool? = nil
    ) {
        self.gpsd = gpsd
        self.serial = serial
        self.udp = udp
        self.usb = usb
        self.ppsDevice = ppsDevice
        self.simulated = simulated
    }

    var endpointNames: [String] {
        var names: [String] = []
        if gpsd != nil { names.append("gpsd") }
        if serial != nil { names.append("serial") }
        if udp != nil { names.append("udp") }
        if usb != nil { names.append("usb") }
        if ppsDevice != nil { names.append("ppsDevice") }
        if simulated == true { names.append("simulated") }
        return names
    }
}

public struct GPSDEndpoint: Codable, Sendable, Hashable {
    public var host: String
    public var port: Int
    /// Restrict to one device path known to gpsd (WATCH_DEVICE).
    public var device: String?
    public init(host: String = "127.0.0.1", port: Int = 2947, device: String? = nil) {
        self.host = host
        self.port = port
        self.device = device
    }
}

public struct SerialEndpoint: Codable, Sendable, Hashable {
    public var device: String
    public var baud: Int
    /// Raw stream format the receiver speaks: "ubx" (UBX + NMEA mixed) or "nmea".
    public var format: String?
    /// Whether PPS is wired to this port's DCD line.
    public var ppsOnDCD: Bool?
    public init(device: String, baud: Int, format: String? = nil, ppsOnDCD: Bool? = nil) {
        self.device = device
        self.baud = baud
        self.format = format
        self.ppsOnDCD = ppsOnDCD
    }
}

public struct UDPEndpoint: Codable, Sendable, Hashable {
    /// Local address to bind, e.g. "0.0.0.0" or "127.0.0.1".
    public var bindAddress: String
    /// Data port first (Velodyne 2368, Ouster 7502), then auxiliary ports (Velodyne 8308, Ouster 7503).
    public var ports: [Int]
    /// Requested kernel receive buffer.
    public var receiveBufferBytes: Int?
    public init(bindAddress: String = "0.0.0.0", ports: [Int], receiveBufferBytes: Int? = nil) {
        self.bindAddress = bindAddress
        self.ports = ports
        self.receiveBufferBytes = receiveBufferBytes
    }
}

public struct USBEndpoint: Codable, Sendable, Hashable {
    /// Hex strings ("05ca") so files match `lsusb` output.
    public var vendorId: String?
    public var productId: String?
    /// Match by interface class instead (6 = still image / PTP).
    public var interfaceClass: Int?
    public init(vendorId: String? = nil, productId: String? = nil, interfaceClass: Int? = nil) {
        self.vendorId = vendorId
        self.productId = productId
        self.interfaceClass = interfaceClass
    }
}

/// When the camera fires.
public struct TriggerPolicy: Codable, Sendable, Hashable {
    /// Fire every N metres driven.
    public var spacingMeters: Double?
    /// Fire every T seconds (alone, or as a fallback while moving).
    public var intervalSeconds: Double?
    /// Below this speed the vehicle counts as standing and triggering pauses.
    public var standstillSpeedMetersPerSecond: Double?
    /// Never fire twice within this time (the camera's cycle time).
    public var minimumIntervalSeconds: Double?
    /// Camera that is fired, and the trigger box that fires it (if any).
    public var cameraId: String?
    public var triggerBoxId: String?
    /// Places to fire at once per pass, whatever the spacing.
    public var positions: [TriggerPosition]?
    /// When set, distance and interval triggering happen only inside one of these polygons.
    public var zones: [TriggerZone]?
    public init(
        spacingMeters: Double? = nil, intervalSeconds: Double? = nil, standstillSpeedMetersPerSecond: Double? = nil,
        minimumIntervalSeconds: Double? = nil, cameraId: String? = nil, triggerBoxId: String? = nil,
        positions: [TriggerPosition]? = nil, zones: [TriggerZone]? = nil
    ) {
        self.positions = positions
        self.zones = zones
        self.spacingMeters = spacingMeters
        self.intervalSeconds = intervalSeconds
        self.standstillSpeedMetersPerSecond = standstillSpeedMetersPerSecond
        self.minimumIntervalSeconds = minimumIntervalSeconds
        self.cameraId = cameraId
        self.triggerBoxId = triggerBoxId
    }
}

/// Where and how bundles are written.
public struct OutputPolicy: Codable, Sendable, Hashable {
    /// Directory that holds session directories.
    public var directory: String
    /// Segment length on GNSS-second boundaries.
    public var segmentSeconds: Int?
    /// A segment is also cut when its payload reaches this size.
    public var segmentMaxBytes: Int64?
    /// Recording stops cleanly when free space falls to this reserve.
    public var diskReserveBytes: Int64?
    /// Warn when the estimated time to the reserve falls below this.
    public var diskWarnSeconds: Int?

    public init(
        directory: String, segmentSeconds: Int? = nil, segmentMaxBytes: Int64? = nil, diskReserveBytes: Int64? = nil,
        diskWarnSeconds: Int? = nil
    ) {
        self.directory = directory
        self.segmentSeconds = segmentSeconds
        self.segmentMaxBytes = segmentMaxBytes
        self.diskReserveBytes = diskReserveBytes
        self.diskWarnSeconds = diskWarnSeconds
    }

    public static let defaultSegmentSeconds = 60
    public static let defaultSegmentMaxBytes: Int64 = 4 << 30
    public static let defaultDiskReserveBytes: Int64 = 1 << 30
    public static let defaultDiskWarnSeconds = 1800

    public var effectiveSegmentSeconds: Int { segmentSeconds ?? Self.defaultSegmentSeconds }
    public var effectiveSegmentMaxBytes: Int64 { segmentMaxBytes ?? Self.defaultSegmentMaxBytes }
    public var effectiveDiskReserveBytes: Int64 { diskReserveBytes ?? Self.defaultDiskReserveBytes }
    public var effectiveDiskWarnSeconds: Int { diskWarnSeconds ?? Self.defaultDiskWarnSeconds }
}

/// Time-base policy.
public struct TimePolicy: Codable, Sendable, Hashable {
    /// Recording is only "OK" when the time base is PPS-locked (default true).
    public var requirePPSLock: Bool?
    /// GPS − UTC to assume until the receiver reports it.
    public var leapSecondsFallback: Int?
    /// Holdover longer than this is reported as a warning.
    public var maxHoldoverSeconds: Double?
    public init(requirePPSLock: Bool? = nil, leapSecondsFallback: Int? = nil, maxHoldoverSeconds: Double? = nil) {
        self.requirePPSLock = requirePPSLock
        self.leapSecondsFallback = leapSecondsFallback
        self.maxHoldoverSeconds = maxHoldoverSeconds
    }
}

/// The daemon's status/control socket.
public struct StatusEndpoint: Codable, Sendable, Hashable {
    public var socketPath: String
    /// Group allowed to connect (the socket is 0660 root:<group>).
    public var group: String?
    public init(socketPath: String, group: String? = nil) {
        self.socketPath = socketPath
        self.group = group
    }
}
