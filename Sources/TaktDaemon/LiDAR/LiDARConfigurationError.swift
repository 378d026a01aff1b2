import TaktCore

/// Why a `lidar` sensor of the rig cannot be set up; each case names the sensor and what to fix in the rig file.
public enum LiDARConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case metadataUnreadable(sensor: String, path: String, reason: String)
    case metadataInvalid(sensor: String, reason: String)
    case unknownTimestampMode(sensor: String, value: String)
    /// Neither Ouster metadata nor a Velodyne model: the packet layout is unknown.
    case unknownFamily(sensor: String, model: String)
    case missingPorts(sensor: String, needed: Int)

    public var description: String {
        switch self {
        case .metadataUnreadable(let s, let p, let r): "\(s): cannot read options.metadataFile \(p): \(r)"
        case .metadataInvalid(let s, let r): "\(s): the sensor metadata JSON is not usable: \(r)"
        case .unknownTimestampMode(let s, let v):
            "\(s): options.timestampMode \"\(v)\" is not one of "
                + LiDARTimestampMode.allCases.map(\.rawValue).joined(separator: ", ")
        case .unknownFamily(let s, let m):
            "\(s): model \"\(m)\" is no Velodyne and the rig gives no Ouster options.metadataFile"
        case .missingPorts(let s, let n): "\(s): connection.udp.ports needs at least \(n) port(s)"
        }
    }
}
