import Foundation

/// A closed polyline route whose corners are replaced by circular arcs of one radius, so heading (and the yaw
/// rate an IMU measures) changes continuously through each turn, as a real vehicle's does. Pure geometry: the
/// position and heading at a distance along the loop.
struct RoundedRoute: Sendable {
    enum Piece: Sendable {
        /// From `start` along unit vector `direction` for `length` metres.
        case line(start: (e: Double, n: Double), direction: (e: Double, n: Double), length: Double)
        /// Around `center`, radius `radius`, from angle `startAngle` (radians, counter-clockwise from east), turning
        /// `sweep` radians (positive counter-clockwise).
        case arc(center: (e: Double, n: Double), radius: Double, startAngle: Double, sweep: Double)

        var length: Double {
            switch self {
            case .line(_, _, let l): l
            case .arc(_, let r, _, let sweep): r * abs(sweep)
            }
        }
    }

    let pieces: [Piece]
    let starts: [Double]
    let total: Double

    /// `loop` lists the distinct vertices of a closed loop (the last joins the first). The radius is reduced at a
    /// corner whose legs are too short to hold it.
    init(loop: [(e: Double, n: Double)], radius: Double) {
        let count = loop.count
        func unit(_ a: (e: Double, n: Double), _ b: (e: Double, n: Double)) -> (e: Double, n: Double, len: Double) {
            let de = b.e - a.e
            let dn = b.n - a.n
            let len = hypot(de, dn)
            return (de / len, dn / len, len)
        }
        // Per corner: tangent length, in/out tangent points and the arc.
        var trims: [Double] = []
        var arcs: [Piece] = []
        var entries: [(e: Double, n: Double)] = []
        var exits: [(e: Double, n: Double)] = []
        for i in 0..<count {
            let prev = loop[(i + count - 1) % count]
            let v = loop[i]
            let next = loop[(i + 1) % count]
            let a = unit(prev, v)
            let b = unit(v, next)
            let cross = a.e * b.n - a.n * b.e
            let dot = a.e * b.e + a.n * b.n
            let theta = atan2(cross, dot)  // signed turn, + = left
            let r = min(radius, 0.45 * min(a.len, b.len) / max(tan(abs(theta) / 2), 1e-9))
            let trim = r * tan(abs(theta) / 2)
            let entry = (e: v.e - a.e * trim, n: v.n - a.n * trim)
            let exit = (e: v.e + b.e * trim, n: v.n + b.n * trim)
            // Centre: left of the incoming direction for a left turn.
            let side = theta >= 0 ? 1.0 : -1.0
            let center = (e: entry.e - a.n * r * side, n: entry.n + a.e * r * side)
            let startAngle = atan2(entry.n - center.n, entry.e - center.e)
            trims.append(trim)
            entries.append(entry)
            exits.append(exit)
            arcs.append(.arc(center: center, radius: r, startAngle: startAngle, sweep: theta))
        }
        var out: [Piece] = []
        for i in 0..<count {
            let j = (i + 1) % count
            let d = unit(exits[i], entries[j])
            out.append(.line(start: exits[i], direction: (d.e, d.n), length: d.len))
            out.append(arcs[j])
        }
        pieces = out
        var s: [Double] = []
        var t = 0.0
        for p in out {
            s.append(t)
            t += p.length
        }
        starts = s
        total = t
    }

    /// East, north (metres) and heading (degrees clockwise from north) at `distance` along the loop.
    func position(at distance: Double) -> (e: Double, n: Double, heading: Double) {
        var d = distance.truncatingRemainder(dividingBy: total)
        if d < 0 { d += total }
        var k = pieces.count - 1
        for i in pieces.indices where starts[i] + pieces[i].length >= d {
            k = i
            break
        }
        let s = d - starts[k]
        switch pieces[k] {
        case .line(let start, let dir, _):
            return (start.e + dir.e * s, start.n + dir.n * s, Self.heading(dir.e, dir.n))
        case .arc(let c, let r, let a0, let sweep):
            let angle = a0 + (sweep >= 0 ? 1 : -1) * s / r
            let e = c.e + r * cos(angle)
            let n = c.n + r * sin(angle)
            // Tangent: derivative of the position along increasing s.
            let sign = sweep >= 0 ? 1.0 : -1.0
            return (e, n, Self.heading(-sin(angle) * sign, cos(angle) * sign))
        }
    }

    static func heading(_ e: Double, _ n: Double) -> Double {
        var h = atan2(e, n) * 180 / .pi
        if h < 0 { h += 360 }
        return h
    }
}
