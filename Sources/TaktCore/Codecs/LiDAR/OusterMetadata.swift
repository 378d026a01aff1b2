import Foundation

/// What Takt needs from an Ouster sensor's metadata JSON: the packet layout, the ports and the sensor identity.
///
/// Sensors and ouster-sdk have written two layouts over the years: the flat FW 2.x one (`data_format`, `prod_sn`,
/// `udp_port_lidar` at the top level) and the nested FW 2.4+/3.x one (`lidar_data_format`, `config_params`,
/// `sensor_info`). Both decode to this one value. Decoding is pure: callers read the file and pass the bytes.
public struct OusterMetadata: Sendable, Hashable, Codable {
    public var format: OusterPacketFormat
    /// `udp_profile_imu`; only `LEGACY` IMU packets are decoded.
    public var imuProfile: String
    /// e.g. `1024x10`: columns per frame × rotation rate in Hz.
    public var lidarMode: String
    public var udpPortLidar: Int?
    public var udpPortIMU: Int?
    public var productLine: String?
    public var serialNumber: String?
    public var initializationID: UInt32?
    public var firmwareRevision: String?

    public init(
        format: OusterPacketFormat, imuProfile: String = "LEGACY", lidarMode: String, udpPortLidar: Int? = nil,
        udpPortIMU: Int? = nil, productLine: String? = nil, serialNumber: String? = nil,
        initializationID: UInt32? = nil, firmwareRevision: String? = nil
    ) {
        self.format = format
        self.imuProfile = imuProfile
        self.lidarMode = lidarMode
        self.udpPortLidar = udpPortLidar
        self.udpPortIMU = udpPortIMU
        self.productLine = productLine
        self.serialNumber = serialNumber
        self.initializationID = initializationID
        self.firmwareRevision = firmwareRevision
    }

    /// Rotation rate in Hz from the lidar mode (`1024x10` → 10), if the mode is well formed.
    public var frameRateHz: Int? { Self.modeParts(lidarMode)?.rate }

    /// Decodes either metadata layout from the JSON file's bytes.
    public init(json bytes: [UInt8]) throws(OusterMetadataError) {
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw OusterMetadataError.invalidJSON("top level is not an object")
            }
            root = object
        } catch let error as OusterMetadataError {
            throw error
        } catch {
            throw .invalidJSON(String(describing: error))
        }
        if let nested = root["lidar_data_format"] as? [String: Any] {
            try self.init(nested: root, dataFormat: nested)
        } else {
            try self.init(flat: root)
        }
    }

    private init(nested root: [String: Any], dataFormat: [String: Any]) throws(OusterMetadataError) {
        let config = root["config_params"] as? [String: Any] ?? [:]
        let info = root["sensor_info"] as? [String: Any] ?? [:]
        guard let mode = (config["lidar_mode"] as? String) ?? (root["lidar_mode"] as? String) else {
            throw .missingField("config_params.lidar_mode")
        }
        let profileName = (dataFormat["udp_profile_lidar"] as? String) ?? (config["udp_profile_lidar"] as? String)
        let format = try Self.packetFormat(
            dataFormat: dataFormat, profileName: profileName, mode: mode,
            beamCount: (root["beam_intrinsics"] as? [String: Any]).flatMap(Self.beamCount))
        self.init(
            format: format,
            imuProfile: (dataFormat["udp_profile_imu"] as? String) ?? "LEGACY",
            lidarMode: mode,
            udpPortLidar: Self.int(config["udp_port_lidar"]),
            udpPortIMU: Self.int(config["udp_port_imu"]),
            productLine: info["prod_line"] as? String,
            serialNumber: Self.string(info["prod_sn"]),
            initializationID: Self.int(info["initialization_id"]).flatMap { UInt32(exactly: $0) },
            firmwareRevision: info["build_rev"] as? String)
    }

    private init(flat root: [String: Any]) throws(OusterMetadataError) {
        guard let mode = root["lidar_mode"] as? String else { throw .missingField("lidar_mode") }
        let dataFormat = root["data_format"] as? [String: Any] ?? [:]
        let format = try Self.packetFormat(
            dataFormat: dataFormat, profileName: dataFormat["udp_profile_lidar"] as? String, mode: mode,
            beamCount: Self.beamCount(root))
        self.init(
            format: format,
            imuProfile: (dataFormat["udp_profile_imu"] as? String) ?? "LEGACY",
            lidarMode: mode,
            udpPortLidar: Self.int(root["udp_port_lidar"]),
            udpPortIMU: Self.int(root["udp_port_imu"]),
            productLine: root["prod_line"] as? String,
            serialNumber: Self.string(root["prod_sn"]),
            initializationID: Self.int(root["initialization_id"]).flatMap { UInt32(exactly: $0) },
            firmwareRevision: root["build_rev"] as? String)
    }

    /// Old metadata omits what was implied by FW 2.0: 16 columns per packet, legacy profile, one pixel per beam.
    private static func packetFormat(
        dataFormat: [String: Any], profileName: String?, mode: String, beamCount: Int?
    ) throws(OusterMetadataError) -> OusterPacketFormat {
        let profile: OusterUDPProfile
        if let profileName {
            guard let known = OusterUDPProfile(rawValue: profileName) else { throw .unknownProfile(profileName) }
            profile = known
        } else {
            profile = .legacy
        }
        guard let pixels = int(dataFormat["pixels_per_column"]) ?? beamCount else {
            throw .missingField("data_format.pixels_per_column")
        }
        let columns = int(dataFormat["columns_per_packet"]) ?? 16
        guard let perFrame = int(dataFormat["columns_per_frame"]) ?? modeParts(mode)?.columns else {
            throw .invalidValue(field: "lidar_mode", value: mode)
        }
        guard pixels > 0, pixels <= 512 else { throw .invalidValue(field: "pixels_per_column", value: "\(pixels)") }
        guard columns > 0, columns <= 64 else { throw .invalidValue(field: "columns_per_packet", value: "\(columns)") }
        guard perFrame > 0, perFrame <= 8192 else {
            throw .invalidValue(field: "columns_per_frame", value: "\(perFrame)")
        }
        return OusterPacketFormat(
            profile: profile, columnsPerPacket: columns, pixelsPerColumn: pixels, columnsPerFrame: perFrame)
    }

    private static func beamCount(_ object: [String: Any]) -> Int? {
        (object["beam_altitude_angles"] as? [Any]).map(\.count)
    }

    static func modeParts(_ mode: String) -> (columns: Int, rate: Int)? {
        let parts = mode.split(separator: "x")
        guard parts.count == 2, let columns = Int(parts[0]), let rate = Int(parts[1]) else { return nil }
        return (columns, rate)
    }

    private static func int(_ value: Any?) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        if let text = value as? String { return Int(text) }
        return nil
    }

    private static func string(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }
}
