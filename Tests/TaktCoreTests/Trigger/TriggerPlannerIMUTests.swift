import TaktCore
import Testing

/// IMU input against analytic ground truth: the same fixes with and without IMU samples, and the fire time
/// compared with the instant the true vehicle reaches the target. No noise, so the difference is the model alone.
@Suite struct TriggerPlannerIMUTests {
    static let t0 = GPSTime(week: 2_400, timeOfWeekNanoseconds: 100_000 * 1_000_000_000)
    static let plane = LocalTangentPlane(origin: GeodeticPoint(latitude: 46.2, longitude: 6.14, height: 400))

    static func at(_ s: Double) -> GPSTime { t0 + .nanoseconds(Int64((s * 1e9).rounded())) }
    static func seconds(_ t: GPSTime) -> Double { Double((t - t0).nanoseconds) / 1e9 }

    /// A truth: position (east/north), velocity, forward acceleration and yaw rate (deg/s) at time t.
    struct Truth {
        var position: (Double) -> ENU
        var velocity: (Double) -> ENU
        var acceleration: (Double) -> Double
        var yawRate: (Double) -> Double
    }

    /// Feeds fixes at `fixHz` (and IMU at 100 Hz when `imu`) in time order, returns the fires.
    static func fires(
        _ truth: Truth, policy: TriggerPolicy, seconds: Double, fixHz: Double, imu: Bool
    ) -> [TriggerFire] {
        var planner = TriggerPlanner(policy: policy)
        var out: [TriggerFire] = []
        let fixStep = Int((100 / fixHz).rounded())
        for k in 0...Int(seconds * 100) {
            let t = Double(k) / 100
            var events: [TriggerEvent] = []
            if k % fixStep == 0 {
                events.append(
                    .fix(
                        TriggerFix(
                            time: at(t), position: plane.geodetic(of: truth.position(t)), velocity: truth.velocity(t))))
            }
            if imu {
                events.append(
                    .imu(
                        TriggerIMUSample(
                            time: at(t), forwardAccelerationMetersPerSecond2: truth.acceleration(t),
                            yawRateDegreesPerSecond: truth.yawRate(t))))
            }
            for e in events {
                for case .fire(let f) in planner.handle(e) { out.append(f) }
            }
        }
        return out
    }

    /// 10 m/s, then emergency braking at 6 m/s² from 0.405 s — just after a fix. GNSS alone commits the 5 m target
    /// at the 0.4 s fix, still expecting constant speed; with the IMU the braking is seen within 10 ms.
    @Test func brakingBetweenFixes() throws {
        let tb = 0.405
        let a = -6.0
        func d(_ t: Double) -> Double { t < tb ? 10 * t : 10 * t + 0.5 * a * (t - tb) * (t - tb) }
        let truth = Truth(
            position: { ENU(east: d($0), north: 0) },
            velocity: { ENU(east: $0 < tb ? 10 : 10 + a * ($0 - tb), north: 0) },
            acceleration: { $0 < tb ? 0 : a }, yawRate: { _ in 0 })
        let policy = TriggerPolicy(spacingMeters: 5, standstillSpeedMetersPerSecond: 0.5)
        func errorAtSecondFire(imu: Bool) throws -> Double {
            let fires = Self.fires(truth, policy: policy, seconds: 0.8, fixHz: 10, imu: imu)
            let second = try #require(fires.count >= 2 ? fires[1] : nil)
            // The first fire sets the chain at distance 0; the second should be at 5 m.
            return abs(d(Self.seconds(second.time)) - d(Self.seconds(fires[0].time)) - 5)
        }
        let gnss = try errorAtSecondFire(imu: false)
        let withIMU = try errorAtSecondFire(imu: true)
        #expect(gnss > 0.02, "GNSS only: \(gnss) m")
        #expect(withIMU < 0.002, "with IMU: \(withIMU) m")
        #expect(withIMU * 10 < gnss)
    }

    /// A start from 2 m/s at 3 m/s² right after a fix: the same, the other way.
    @Test func acceleratingBetweenFixes() throws {
        let ta = 0.31
        func d(_ t: Double) -> Double { t < ta ? 2 * t : 2 * t + 1.5 * (t - ta) * (t - ta) }
        let truth = Truth(
            position: { ENU(east: 0, north: d($0)) },
            velocity: { ENU(east: 0, north: $0 < ta ? 2 : 2 + 3 * ($0 - ta)) },
            acceleration: { $0 < ta ? 0 : 3 }, yawRate: { _ in 0 })
        let policy = TriggerPolicy(spacingMeters: 1, standstillSpeedMetersPerSecond: 0.5)
        func worst(imu: Bool) -> Double {
            let fires = Self.fires(truth, policy: policy, seconds: 2, fixHz: 5, imu: imu)
            var e = 0.0
            for i in fires.indices.dropFirst() {
                e = max(e, abs(d(Self.seconds(fires[i].time)) - d(Self.seconds(fires[i - 1].time)) - 1))
            }
            return e
        }
        let gnss = worst(imu: false)
        let withIMU = worst(imu: true)
        #expect(gnss > 0.008, "GNSS only: \(gnss) m")
        #expect(withIMU < 0.003, "with IMU: \(withIMU) m")
        #expect(withIMU * 4 < gnss)
    }

    /// A left turn on a 30 m radius at 10 m/s (19.1 °/s) with a 1 Hz receiver and a position trigger on the arc:
    /// straight-line extrapolation from the last fix cuts the corner and fires early; the yaw-turned dead reckoning
    /// fires where the vehicle reaches the point.
    @Test func turnWithPositionTrigger() throws {
        let r = 30.0
        let v = 10.0
        func p(_ t: Double) -> ENU { ENU(east: r * Trig1.sin(v * t / r), north: r * (1 - Trig1.cos(v * t / r))) }
        let truth = Truth(
            position: p,
            velocity: { ENU(east: v * Trig1.cos(v * $0 / r), north: v * Trig1.sin(v * $0 / r)) },
            acceleration: { _ in 0 }, yawRate: { _ in v / r * 180 / .pi })
        let tTarget = 1.8
        let target = Self.plane.geodetic(of: p(tTarget))
        let policy = TriggerPolicy(
            standstillSpeedMetersPerSecond: 0.5,
            positions: [TriggerPosition(latitude: target.latitude, longitude: target.longitude, radiusMeters: 5)])
        func along(imu: Bool) throws -> Double {
            let fires = Self.fires(truth, policy: policy, seconds: 3, fixHz: 1, imu: imu).filter {
                $0.cause == .position
            }
            let f = try #require(fires.first)
            #expect(fires.count == 1)
            return abs(Self.seconds(f.time) - tTarget) * v
        }
        let straight = try along(imu: false)
        let turned = try along(imu: true)
        #expect(straight > 0.05, "straight-line: \(straight) m along track")
        #expect(turned < 0.01, "yaw-turned: \(turned) m along track")
    }
}

/// libm-free sine/cosine for the test's truth (the core's own `Trig` is internal).
enum Trig1 {
    static func sin(_ x: Double) -> Double { series(x).0 }
    static func cos(_ x: Double) -> Double { series(x).1 }
    static func series(_ x: Double) -> (Double, Double) {
        var s = 0.0
        var c = 0.0
        var term = 1.0
        for n in 0..<30 {
            if n > 0 { term *= x / Double(n) }
            switch n % 4 {
            case 0: c += term
            case 1: s += term
            case 2: c -= term
            default: s -= term
            }
        }
        return (s, c)
    }
}
