import Foundation
public import TaktCore

/// What the daemon needs to know about one `lidar` sensor, derived from the rig and its metadata file: which
/// decoder, which ports, which clock its timestamps run on, and the metadata bytes to store beside the pcap.
public struct LiDARSensorSetup: Sendable {
    public var sensor: SensorConfig
    public var endpoint: UDPEndpoint
    public var classifier: LiDARPacketClassifier
    public var timestampMode: LiDARTimestampMode
    /// The Ouster metadata JSON, byte for byte (nil for Velodyne).
    public var metadata: [UInt8]?

    /// The segment file the packets go to, and the metadata's name beside it (ouster-sdk pairs them by name).
    public var pcapFile: String { "lidar/lidar-\(sensor.id).pcap" }
    public var metadataName: String { "lidar-\(sensor.id).json" }

    public init(sensor: SensorConfig, endpoint: UDPEndpoint, metadata: [UInt8]?) throws(LiDARConfigurationError) {
        self.sensor = sensor
        self.endpoint = endpoint
        self.metadata = metadata
        let ports = endpoint.ports.map { UInt16(clamping: $0) }
        let modeText = sensor.options?["timestampMode"]
        if let metadata {
            let parsed: OusterMetadata
            do { parsed = try OusterMetadata(json: metadata) } catch {
                throw .metadataInvalid(sensor: sensor.id, reason: "\(error)")
            }
            guard let lidarPort = ports.first else { throw .missingPorts(sensor: sensor.id, needed: 1) }
            classifier = LiDARPacketClassifier(
                sensor: .ouster(format: parsed.format, lidarPort: lidarPort, imuPort: ports.dropFirst().first ?? 0))
            timestampMode = .ousterInternalOscillator
        } else if Self.isVelodyne(sensor.model) {
            guard ports.count >= 2 else { throw .missingPorts(sensor: sensor.id, needed: 2) }
            classifier = LiDARPacketClassifier(sensor: .velodyne(dataPort: ports[0], positionPort: ports[1]))
            timestampMode = .velodyneTopOfHour
        } else {
            throw .unknownFamily(sensor: sensor.id, model: sensor.model)
        }
        if let modeText {
            guard let mode = LiDARTimestampMode(rawValue: modeText) else {
                throw .unknownTimestampMode(sensor: sensor.id, value: modeText)
            }
            timestampMode = mode
        }
    }

    static func isVelodyne(_ model: String) -> Bool {
        let m = model.lowercased()
        return ["velodyne", "vlp", "hdl", "vls", "puck"].contains { m.contains($0) }
    }

    /// Reads every lidar sensor's `options.metadataFile` (relative to the rig file's directory) into the
    /// `lidar-<id>.json` entries the recorder copies into each segment.
    public static func metadataFiles(rig: RigConfig, rigPath: String) throws(LiDARConfigurationError) -> [String:
        [UInt8]]
    {
        var files: [String: [UInt8]] = [:]
        let base = URL(fileURLWithPath: rigPath).deletingLastPathComponent()
        for sensor in rig.sensors where sensor.kind == .lidar {
            guard let relative = sensor.options?["metadataFile"] else { continue }
            let url = relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : base.appendingPathComponent(relative)
            do {
                files["lidar-\(sensor.id).json"] = [UInt8](try Data(contentsOf: url))
            } catch {
                throw .metadataUnreadable(sensor: sensor.id, path: url.path, reason: error.localizedDescription)
            }
        }
        return files
    }
}
