/// A WGS-84 position: latitude and longitude in degrees, ellipsoidal height in metres.
public struct GeodeticPoint: Codable, Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double
    public var height: Double

    public init(latitude: Double, longitude: Double, height: Double = 0) {
        self.latitude = latitude
        self.longitude = longitude
        self.height = height
    }
}

/// East/north/up metres in a local tangent plane, or an ENU velocity in m/s.
public struct ENU: Codable, Sendable, Hashable {
    public var east: Double
    public var north: Double
    public var up: Double

    public init(east: Double, north: Double, up: Double = 0) {
        self.east = east
        self.north = north
        self.up = up
    }

    public static let zero = ENU(east: 0, north: 0, up: 0)
    public var horizontalNorm: Double { (east * east + north * north).squareRoot() }
    public var norm: Double { (east * east + north * north + up * up).squareRoot() }

    public static func + (a: ENU, b: ENU) -> ENU { ENU(east: a.east + b.east, north: a.north + b.north, up: a.up + b.up) }
    public static func - (a: ENU, b: ENU) -> ENU { ENU(east: a.east - b.east, north: a.north - b.north, up: a.up - b.up) }
    public static func * (s: Double, v: ENU) -> ENU { ENU(east: s * v.east, north: s * v.north, up: s * v.up) }
    func dot(_ o: ENU) -> Double { east * o.east + north * o.north + up * o.up }
}

/// A local tangent plane at a reference point, using the ellipsoid's meridian and prime-vertical radii of
/// curvature there. Over the few hundred metres between a fix and a trigger target its error is well under a
/// millimetre, which is why the planner re-centres it on every fix instead of carrying a global ECEF frame.
public struct LocalTangentPlane: Sendable, Hashable {
    public var origin: GeodeticPoint
    let metersPerRadianLatitude: Double
    let metersPerRadianLongitude: Double

    public init(origin: GeodeticPoint) {
        self.origin = origin
        let (s, c) = Trig.sinCos(Trig.radians(origin.latitude))
        let a = WGS84.semiMajorAxis
        let w = (1 - WGS84.e2 * s * s).squareRoot()
        let n = a / w
        let m = a * (1 - WGS84.e2) / (w * w * w)
        metersPerRadianLatitude = m + origin.height
        metersPerRadianLongitude = (n + origin.height) * c
    }

    public func enu(of p: GeodeticPoint) -> ENU {
        var dLon = p.longitude - origin.longitude
        if dLon > 180 { dLon -= 360 }
        if dLon < -180 { dLon += 360 }
        return ENU(
            east: Trig.radians(dLon) * metersPerRadianLongitude,
            north: Trig.radians(p.latitude - origin.latitude) * metersPerRadianLatitude,
            up: p.height - origin.height
        )
    }

    public func geodetic(of v: ENU) -> GeodeticPoint {
        let lon = origin.longitude + (metersPerRadianLongitude != 0 ? Trig.degrees(v.east / metersPerRadianLongitude) : 0)
        return GeodeticPoint(
            latitude: origin.latitude + Trig.degrees(v.north / metersPerRadianLatitude),
            longitude: lon > 180 ? lon - 360 : (lon < -180 ? lon + 360 : lon),
            height: origin.height + v.up
        )
    }
}
