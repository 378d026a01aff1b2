import Foundation

/// A deterministic drive through a city street grid: accelerate, cruise, brake, stand at the lights, repeat,
/// at varying cruise speeds. Pure function of elapsed time, so every simulated sensor agrees on the truth.
public struct SimulatedDrive: Sendable {
    /// One phase of the speed profile.
    struct Phase: Sendable {
        var duration: Double
        var startSpeed: Double
        var endSpeed: Double
    }

    public let origin: (latitude: Double, longitude: Double, height: Double)
    /// Route as local east/north waypoints in metres (a closed loop).
    let route: [(e: Double, n: Double)]
    let cumulative: [Double]
    let phases: [Phase]
    let phaseStart: [Double]
    let phaseDistance: [Double]
    let cycleDuration: Double
    let cycleDistance: Double
    /// The route with rounded corners; nil keeps the instantaneous corners.
    let rounded: RoundedRoute?

    /// - Parameters: cruise speeds in km/h for successive blocks, each held for `cruiseSeconds`; each block ends
    ///   in a stop of `stopSeconds`. `cornerRadiusMeters` > 0 rounds the route's corners into arcs (continuous
    ///   heading and yaw rate); 0 keeps instantaneous corners.
    public init(
        origin: (latitude: Double, longitude: Double, height: Double) = (46.2044, 6.1432, 420.0),
        cruiseSpeedsKmh: [Double] = [30, 50, 40, 80, 20],
        stopSeconds: Double = 4,
        cruiseSeconds: Double = 6,
        cornerRadiusMeters: Double = 0
    ) {
        self.origin = origin
        // A city block loop: 400 m east, 250 m north, 400 m west, 250 m south, with a diagonal avenue.
        let pts: [(Double, Double)] = [(0, 0), (400, 0), (400, 250), (150, 400), (0, 250), (0, 0)]
        route = pts.map { (e: $0.0, n: $0.1) }
        rounded =
            cornerRadiusMeters > 0 ? RoundedRoute(loop: Array(route.dropLast()), radius: cornerRadiusMeters) : nil
        var cum = [0.0]
        for i in 1..<pts.count {
            cum.append(cum[i - 1] + hypot(pts[i].0 - pts[i - 1].0, pts[i].1 - pts[i - 1].1))
        }
        cumulative = cum
        var ph: [Phase] = []
        for kmh in cruiseSpeedsKmh {
            let v = kmh / 3.6
            ph.append(Phase(duration: v / 2.0, startSpeed: 0, endSpeed: v))  // 2 m/s² acceleration
            ph.append(Phase(duration: cruiseSeconds, startSpeed: v, endSpeed: v))
            ph.append(Phase(duration: v / 2.5, startSpeed: v, endSpeed: 0))  // 2.5 m/s² braking
            ph.append(Phase(duration: stopSeconds, startSpeed: 0, endSpeed: 0))
        }
        phases = ph
        var starts: [Double] = []
        var dists: [Double] = []
        var t = 0.0
        var d = 0.0
        for p in ph {
            starts.append(t)
            dists.append(d)
            t += p.duration
            d += (p.startSpeed + p.endSpeed) / 2 * p.duration
        }
        phaseStart = starts
        phaseDistance = dists
        cycleDuration = t
        cycleDistance = d
    }

    /// The true state `seconds` after the start of the drive.
    public func state(at seconds: Double) -> DriveState {
        let t = max(0, seconds)
        let cycles = (t / cycleDuration).rounded(.down)
        let tc = t - cycles * cycleDuration
        var i = phases.count - 1
        for k in 0..<phases.count where phaseStart[k] + phases[k].duration > tc {
            i = k
            break
        }
        let p = phases[i]
        let dt = tc - phaseStart[i]
        let a = p.duration > 0 ? (p.endSpeed - p.startSpeed) / p.duration : 0
        let speed = p.startSpeed + a * dt
        let dist = cycles * cycleDistance + phaseDistance[i] + p.startSpeed * dt + 0.5 * a * dt * dt
        let (e, n, heading) = position(alongRoute: dist)
        let metersPerDegLat = 111_132.954
        let metersPerDegLon = 111_319.49 * cos(origin.latitude * .pi / 180)
        return DriveState(
            latitude: origin.latitude + n / metersPerDegLat,
            longitude: origin.longitude + e / metersPerDegLon,
            heightMeters: origin.height + 2.0 * sin(dist / 300),
            distanceMeters: dist,
            speedMetersPerSecond: speed,
            headingDegrees: heading,
            accelerationMetersPerSecond2: a
        )
    }

    private func position(alongRoute distance: Double) -> (Double, Double, Double) {
        if let rounded {
            let p = rounded.position(at: distance)
            return (p.e, p.n, p.heading)
        }
        let total = cumulative[cumulative.count - 1]
        let d = distance.truncatingRemainder(dividingBy: total)
        var k = 1
        while k < cumulative.count - 1 && cumulative[k] < d { k += 1 }
        let a = route[k - 1]
        let b = route[k]
        let len = cumulative[k] - cumulative[k - 1]
        let f = len > 0 ? (d - cumulative[k - 1]) / len : 0
        var heading = atan2(b.e - a.e, b.n - a.n) * 180 / .pi
        if heading < 0 { heading += 360 }
        return (a.e + f * (b.e - a.e), a.n + f * (b.n - a.n), heading)
    }
}
