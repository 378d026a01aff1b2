import TaktCore
import Testing
@testable import TaktSimulation

/// The acceptance scenarios for the trigger planner, against `SimulatedDrive`'s truth (seeded GNSS
/// velocity and IMU noise). Thresholds carry margin; the exact figures are in `takt bench trigger`.
@Suite struct TriggerPlannerDriveTests {
    @Test(arguments: [1, 2, 3] as [UInt64]) func cruise50WithIMUHoldsSpacing(seed: UInt64) {
        let run = TriggerDriveScenario.cruise50(imu: true).run(seed: seed)
        let errors = run.spacingErrors
        // 600 s at 13.9 m/s over 5 m: about 1 650 spacings.
        #expect(errors.count > 1_500)
        let p95 = TriggerRun.quantile(errors, 0.95)
        #expect(p95 <= 0.02, "spacing error p95 \(p95) m")
        #expect(run.missedGaps == 0)
        #expect(run.firesWhileStanding == 0)
        #expect(run.fires.map(\.seq) == Array(1...UInt32(run.fires.count)))
    }

    @Test func cruise50WithoutIMUStillLandsOnSpacing() {
        let run = TriggerDriveScenario.cruise50(imu: false).run(seed: 4)
        let p95 = TriggerRun.quantile(run.spacingErrors, 0.95)
        #expect(p95 <= 0.05, "spacing error p95 \(p95) m")
        #expect(run.missedGaps == 0)
    }

    @Test(arguments: [true, false]) func stopAndGoNeverFiresStandingNorMisses(imu: Bool) {
        let run = TriggerDriveScenario.stopAndGo(imu: imu).run(seed: 5)
        #expect(run.fires.count > 400)
        #expect(run.firesWhileStanding == 0)
        #expect(run.missedGaps == 0)
        #expect(run.distanceAfterLastFire <= 5.5)
        #expect(run.pauses >= 10, "one standstill pause per stop")
        // 80 km/h is 22.2 m/s: 5 m every 0.225 s, above the 0.2 s minimum interval, so no deferral is needed.
        #expect(run.fires.allSatisfy { !$0.deferred })
    }

    @Test func latencyAllowanceCommitsEarlyEnoughWithoutLosingSpacing() {
        var scenario = TriggerDriveScenario.cruise50(imu: true)
        scenario.latencyAllowance = .milliseconds(50)
        let run = scenario.run(seed: 9)
        #expect(TriggerRun.quantile(run.spacingErrors, 0.95) <= 0.02)
        // Apart from the very first fire (at start-up, "now"), every fire is committed ≥ 50 ms ahead.
        let short = run.leadTimes.dropFirst().filter { $0 < 0.05 }
        #expect(short.isEmpty, "\(short.count) fires committed less than 50 ms ahead")
    }

    /// The city drive (starts, braking, stops, rounded turns) on the same seeds with and without IMU: the IMU run
    /// holds the spacing measurably better, and neither fires standing nor misses a target.
    @Test func cityDriveIMUBeatsGNSSOnly() {
        var with: [Double] = []
        var without: [Double] = []
        for seed in [11, 12] as [UInt64] {
            let a = TriggerDriveScenario.urban(imu: true).run(seed: seed)
            let b = TriggerDriveScenario.urban(imu: false).run(seed: seed)
            for run in [a, b] {
                #expect(run.firesWhileStanding == 0)
                #expect(run.missedGaps == 0)
            }
            with += a.spacingErrors
            without += b.spacingErrors
        }
        let p95With = TriggerRun.quantile(with, 0.95)
        let p95Without = TriggerRun.quantile(without, 0.95)
        #expect(p95With <= 0.9 * p95Without, "p95 \(p95With) m with IMU vs \(p95Without) m without")
    }

    /// Rounded corners: the path is continuous (distance along it matches the chord over short steps) and the
    /// heading turns gradually through a corner instead of jumping.
    @Test func roundedCornersAreContinuous() {
        let drive = SimulatedDrive(cruiseSpeedsKmh: [36], stopSeconds: 0, cruiseSeconds: 300, cornerRadiusMeters: 15)
        let plane = LocalTangentPlane(origin: GeodeticPoint(latitude: 46.2044, longitude: 6.1432, height: 420))
        var maxHeadingStep = 0.0
        var maxGapError = 0.0
        var previous = drive.state(at: 10)
        for k in 1...2_000 {
            let s = drive.state(at: 10 + Double(k) * 0.05)
            let a = plane.enu(of: GeodeticPoint(latitude: previous.latitude, longitude: previous.longitude))
            let b = plane.enu(of: GeodeticPoint(latitude: s.latitude, longitude: s.longitude))
            let chord = (b - a).horizontalNorm
            maxGapError = max(maxGapError, abs(chord - (s.distanceMeters - previous.distanceMeters)))
            var dh = abs(s.headingDegrees - previous.headingDegrees)
            if dh > 180 { dh = 360 - dh }
            maxHeadingStep = max(maxHeadingStep, dh)
            previous = s
        }
        // 10 m/s × 0.05 s = 0.5 m steps; on a 15 m arc a step turns ≤ 1.9°.
        #expect(maxHeadingStep < 2.5, "heading step \(maxHeadingStep)°")
        #expect(maxGapError < 0.01, "chord vs distance \(maxGapError) m")
    }
}
