/// Why an Ouster metadata JSON could not be used; each case names the field to fix or re-fetch from the sensor.
public enum OusterMetadataError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidJSON(String)
    case missingField(String)
    case unknownProfile(String)
    case invalidValue(field: String, value: String)

    public var description: String {
        switch self {
        case .invalidJSON(let detail):
            "Ouster metadata is not valid JSON (\(detail)); re-fetch it from the sensor (GET /api/v1/sensor/metadata)"
        case .missingField(let field): "Ouster metadata lacks \(field)"
        case .unknownProfile(let name): "Ouster udp_profile_lidar \(name) is not supported by Takt's decoder"
        case .invalidValue(let field, let value): "Ouster metadata \(field) = \(value) is out of range"
        }
    }
}
