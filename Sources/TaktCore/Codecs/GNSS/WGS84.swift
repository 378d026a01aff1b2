/// WGS-84 ellipsoid conversions for receivers that report ECEF only (UBX-NAV-SOL).
///
/// Written with square roots and an arctangent only, so the core stays stdlib-only (no libm import).
public enum WGS84 {
    public static let semiMajorAxis = 6_378_137.0
    public static let flattening = 1 / 298.257_223_563
    static let e2 = flattening * (2 - flattening)

    /// ECEF metres to geodetic latitude/longitude (degrees) and height above the ellipsoid (m).
    /// Fixed-point iteration on tan(latitude); converges to below 1e-12 rad within a few steps for any
    /// terrestrial point, i.e. far below the 1e-7° / 1 mm Takt compares at.
    public static func geodetic(x: Double, y: Double, z: Double) -> (
        latitude: Double, longitude: Double, height: Double
    ) {
        let a = semiMajorAxis
        let p = (x * x + y * y).squareRoot()
        let lon = atan2(y, x)
        guard p > 1e-6 else {
            return (z >= 0 ? 90 : -90, lon * 180 / .pi, abs(z) - a * (1 - flattening))
        }
        var t = z / (p * (1 - e2))
        var sinLat = 0.0
        var n = a
        for _ in 0..<20 {
            sinLat = t / (1 + t * t).squareRoot()
            n = a / (1 - e2 * sinLat * sinLat).squareRoot()
            let next = (z + e2 * n * sinLat) / p
            let done = abs(next - t) <= 1e-15 * max(1, abs(t))
            t = next
            if done { break }
        }
        sinLat = t / (1 + t * t).squareRoot()
        let cosLat = 1 / (1 + t * t).squareRoot()
        let h = p * cosLat + z * sinLat - a * (1 - e2 * sinLat * sinLat).squareRoot()
        return (atan(t) * 180 / .pi, lon * 180 / .pi, h)
    }

    /// Arctangent by argument halving (atan x = 2·atan(x / (1 + √(1+x²)))) and a short Taylor series.
    static func atan(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < 0 { return -atan(-x) }
        if x > 1 { return .pi / 2 - atan(1 / x) }
        var r = x
        for _ in 0..<3 { r = r / (1 + (1 + r * r).squareRoot()) }
        // |r| <= tan(pi/32) ~ 0.0985: 9 terms reach double precision.
        let r2 = r * r
        var term = r
        var sum = r
        for k in 1...9 {
            term *= -r2
            sum += term / Double(2 * k + 1)
        }
        return sum * 8
    }

    static func atan2(_ y: Double, _ x: Double) -> Double {
        if x > 0 { return atan(y / x) }
        if x < 0 { return y >= 0 ? atan(y / x) + .pi : atan(y / x) - .pi }
        if y > 0 { return .pi / 2 }
        if y < 0 { return -.pi / 2 }
        return 0
    }
}
