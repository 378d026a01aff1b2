import Testing
import TaktCore

/// Pose at exposure: exact for constant acceleration (cubic Hermite), angles the short way round, σ widened only
/// when extrapolating.
@Suite struct PoseInterpolatorTests {
    let t0 = GPSTime(week: 2_400, timeOfWeekNanoseconds: 5_000_000_000)
    let plane = LocalTangentPlane(origin: GeodeticPoint(latitude: 46.2, longitude: 6.1, height: 400))

    /// East position and velocity under 2 m/s² from 5 m/s.
    func sample(_ t: Double, yaw: Double) -> PoseSample {
        let east = 5 * t + t * t
        return PoseSample(
            time: t0 + .nanoseconds(Int64(t * 1e9)), position: plane.geodetic(of: ENU(east: east, north: 0)),
            velocity: ENU(east: 5 + 2 * t, north: 0), attitude: Attitude(roll: 0, pitch: 1, yaw: yaw),
            horizontalSigmaMeters: 0.02, verticalSigmaMeters: 0.03, attitudeSigmaDegrees: 0.1)
    }

    @Test func hermiteIsExactForConstantAcceleration() throws {
        var p = PoseInterpolator()
        p.append(sample(0, yaw: 359))
        p.append(sample(0.1, yaw: 1))
        let pose = try #require(p.pose(at: t0 + .milliseconds(37)))
        let east = plane.enu(of: pose.position).east
        #expect(abs(east - (5 * 0.037 + 0.037 * 0.037)) < 1e-6)
        #expect(abs((pose.velocity?.east ?? 0) - 5.074) < 1e-9)
        // 359° → 1° passes through north, not through 180°.
        let heading = try #require(pose.headingDegrees)
        #expect(abs(heading - 359.74) < 1e-9)
        #expect(pose.extrapolationSeconds == 0 && pose.horizontalSigmaMeters == 0.02)
    }

    @Test func extrapolationIsBoundedAndWidensSigma() throws {
        var p = PoseInterpolator()
        p.append(sample(0, yaw: 90))
        p.append(sample(0.1, yaw: 90))
        let near = try #require(p.pose(at: t0 + .milliseconds(200)))
        #expect(near.extrapolationSeconds > 0.099 && (near.horizontalSigmaMeters ?? 0) > 0.02)
        #expect(p.pose(at: t0 + .seconds(2)) == nil)
        let accepted = p.append(sample(0.05, yaw: 0))
        #expect(!accepted, "out-of-order samples are dropped")
    }

    @Test func courseStandsInForMissingAttitude() throws {
        var p = PoseInterpolator()
        for t in [0.0, 0.1] {
            var s = sample(t, yaw: 0)
            s.attitude = nil
            s.velocity = ENU(east: 3, north: 3)
            p.append(s)
        }
        let pose = try #require(p.pose(at: t0 + .milliseconds(50)))
        #expect(pose.headingSource == "course")
        #expect(abs((pose.headingDegrees ?? 0) - 45) < 1e-9)
        #expect(pose.pitchDegrees == nil)
    }
}
