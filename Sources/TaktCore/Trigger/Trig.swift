/// Sine and cosine for the core, which imports no libm: argument reduction to [-π/4, π/4] and short Taylor
/// series, accurate to about 1e-16 — far below the millimetre and micro-degree scales the trigger and pose code use.
enum Trig {
    static func sin(_ x: Double) -> Double { sinCos(x).sin }
    static func cos(_ x: Double) -> Double { sinCos(x).cos }

    static func sinCos(_ x: Double) -> (sin: Double, cos: Double) {
        guard x.isFinite else { return (.nan, .nan) }
        let halfPi = Double.pi / 2
        let k = (x / halfPi).rounded()
        let r = x - k * halfPi
        let r2 = r * r
        var s = r
        var c = 1.0
        var ts = r
        var tc = 1.0
        for n in 1...10 {
            ts *= -r2 / Double((2 * n) * (2 * n + 1))
            tc *= -r2 / Double((2 * n - 1) * (2 * n))
            s += ts
            c += tc
        }
        switch Int(k.truncatingRemainder(dividingBy: 4)) {
        case 0: return (s, c)
        case 1, -3: return (c, -s)
        case 2, -2: return (-s, -c)
        default: return (-c, s)
        }
    }

    static func degrees(_ r: Double) -> Double { r * 180 / .pi }
    static func radians(_ d: Double) -> Double { d * .pi / 180 }

    /// Heading in [0, 360) of an east/north vector, clockwise from north.
    static func heading(east: Double, north: Double) -> Double {
        var h = degrees(WGS84.atan2(east, north))
        if h < 0 { h += 360 }
        if h >= 360 { h -= 360 }
        return h
    }

    /// Angle `a` to `b` the short way round, degrees in (-180, 180].
    static func angleDifference(_ b: Double, _ a: Double) -> Double {
        var d = (b - a).truncatingRemainder(dividingBy: 360)
        if d > 180 { d -= 360 }
        if d <= -180 { d += 360 }
        return d
    }
}
