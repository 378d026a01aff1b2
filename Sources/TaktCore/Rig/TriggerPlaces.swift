/// A latitude/longitude pair in degrees, as trigger positions and zone vertices are written in rig files.
public struct LatLon: Codable, Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// A listed place where the camera must fire once per pass (a junction, a sign to survey): the planner fires at
/// the predicted closest approach when the path passes within `radiusMeters`.
public struct TriggerPosition: Codable, Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double
    /// How close the path must pass for the position to count (default 10 m).
    public var radiusMeters: Double?
    public var name: String?
    public init(latitude: Double, longitude: Double, radiusMeters: Double? = nil, name: String? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.radiusMeters = radiusMeters
        self.name = name
    }

    public static let defaultRadiusMeters = 10.0
    public var effectiveRadiusMeters: Double { radiusMeters ?? Self.defaultRadiusMeters }
}

/// A polygon (lat/lon vertices, implicitly closed) inside which distance and interval triggering is allowed. When
/// a policy lists zones, the planner pauses outside all of them: the mission area, not the drive to it.
public struct TriggerZone: Codable, Sendable, Hashable {
    public var name: String?
    public var polygon: [LatLon]
    public init(name: String? = nil, polygon: [LatLon]) {
        self.name = name
        self.polygon = polygon
    }
}

extension LatLon {
    /// Finite, latitude within ±90°, longitude within ±180°.
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }
}
