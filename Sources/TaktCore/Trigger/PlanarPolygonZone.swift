/// A trigger zone ready for point-in-polygon tests. Survey zones are small (a few km), so the even-odd ray test
/// runs directly on latitude/longitude degrees; zones crossing the antimeridian are not supported.
struct PlanarPolygonZone: Sendable, Hashable {
    let vertices: [LatLon]

    init(_ zone: TriggerZone) { vertices = zone.polygon }

    func contains(latitude: Double, longitude: Double) -> Bool {
        guard vertices.count >= 3 else { return false }
        var inside = false
        var j = vertices.count - 1
        for i in 0..<vertices.count {
            let a = vertices[i]
            let b = vertices[j]
            if (a.latitude > latitude) != (b.latitude > latitude) {
                let x = a.longitude + (latitude - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
                if longitude < x { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}
