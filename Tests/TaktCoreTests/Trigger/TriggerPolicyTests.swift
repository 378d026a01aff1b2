import Testing
import TaktCore

/// The planner's policies one at a time, on a straight eastward drive at constant speed (exact truth:
/// distance = v·t), so each expectation is a number, not a tolerance band.
@Suite struct TriggerPolicyTests {
    static let t0 = GPSTime(week: 2_400, timeOfWeekNanoseconds: 100_000 * 1_000_000_000)
    static let origin = GeodeticPoint(latitude: 46.2, longitude: 6.1, height: 400)
    static let plane = LocalTangentPlane(origin: origin)

    /// Fixes at `rate` Hz for `seconds`, speed given per second of drive time.
    static func drive(seconds: Double, rate: Double = 10, speed: (Double) -> Double) -> [TriggerEvent] {
        var events: [TriggerEvent] = []
        var east = 0.0
        var last = 0.0
        for k in 0...Int(seconds * rate) {
            let t = Double(k) / rate
            east += (speed(last) + speed(t)) / 2 * (t - last)
            last = t
            events.append(
                .fix(
                    TriggerFix(
                        time: t0 + .nanoseconds(Int64((t * 1e9).rounded())), position: plane.geodetic(of: ENU(east: east, north: 0)),
                        velocity: ENU(east: speed(t), north: 0))))
        }
        return events
    }

    static func run(_ policy: TriggerPolicy, _ events: [TriggerEvent]) -> [TriggerAction] {
        var planner = TriggerPlanner(policy: policy)
        return events.flatMap { planner.handle($0) }
    }

    static func fires(_ actions: [TriggerAction]) -> [TriggerFire] {
        actions.compactMap { if case .fire(let f) = $0 { f } else { nil } }
    }

    static func seconds(_ f: TriggerFire) -> Double { Double((f.time - t0).nanoseconds) / 1e9 }

    @Test func distanceFiresLandOnTheSpacingBetweenFixes() {
        // 10 m/s, 3 m spacing: crossings at 0.3 s, 0.6 s … fall between 10 Hz fixes only every third time.
        let f = Self.fires(Self.run(TriggerPolicy(spacingMeters: 3), Self.drive(seconds: 3) { _ in 10 }))
        #expect(f.count == 11, "0 … 30 m inclusive")
        for (i, fire) in f.enumerated() {
            #expect(abs(Self.seconds(fire) - 0.3 * Double(i)) < 1e-6)
            #expect(abs(fire.distanceMeters - 3 * Double(i)) < 1e-6)
            #expect(fire.seq == UInt32(i + 1) && fire.cause == .distance && !fire.late)
        }
    }

    @Test func intervalPolicyFiresEveryTSeconds() {
        let f = Self.fires(Self.run(TriggerPolicy(intervalSeconds: 0.5), Self.drive(seconds: 2) { _ in 10 }))
        #expect(f.map(Self.seconds) == [0, 0.5, 1.0, 1.5, 2.0])
        #expect(f.allSatisfy { $0.cause == .interval })
    }

    @Test func minimumIntervalDefersAndWarnsOnce() {
        // 30 m/s with 5 m spacing wants 6 Hz; a 0.25 s camera allows 4 Hz (20 m/s).
        let actions = Self.run(
            TriggerPolicy(spacingMeters: 5, minimumIntervalSeconds: 0.25), Self.drive(seconds: 2) { _ in 30 })
        let f = Self.fires(actions)
        let warnings = actions.filter { if case .warning(.speedTooFast(_, let max)) = $0 { max == 20 } else { false } }
        #expect(warnings.count == 1)
        for (a, b) in zip(f, f.dropFirst()) { #expect(b.time - a.time >= .milliseconds(250)) }
        let deferred = f.dropFirst().filter { $0.deferred }.count
        #expect(deferred == f.count - 1)
    }

    @Test func standstillPausesAndResumesWithHysteresis() {
        // Drive 10 m/s, stop from 2 s to 4 s, drive again.
        let speed: (Double) -> Double = { t in (t >= 2 && t < 4) ? 0 : 10 }
        let actions = Self.run(TriggerPolicy(spacingMeters: 5, standstillSpeedMetersPerSecond: 1), Self.drive(seconds: 6, speed: speed))
        #expect(actions.contains(.paused(.standstill)) && actions.contains(.resumed))
        let f = Self.fires(actions)
        #expect(!f.contains { Self.seconds($0) > 2.0 && Self.seconds($0) < 4.0 })
    }

    @Test func zonesGateTriggering() {
        // Zone covers east 20…60 m.
        let corners = [ENU(east: 20, north: -50), ENU(east: 60, north: -50), ENU(east: 60, north: 50), ENU(east: 20, north: 50)]
        let zone = TriggerZone(name: "mission", polygon: corners.map { p in
            let g = Self.plane.geodetic(of: p)
            return LatLon(latitude: g.latitude, longitude: g.longitude)
        })
        let actions = Self.run(TriggerPolicy(spacingMeters: 5, zones: [zone]), Self.drive(seconds: 8) { _ in 10 })
        let f = Self.fires(actions)
        #expect(actions.first == .paused(.outsideZones))
        #expect(!f.isEmpty)
        #expect(f.allSatisfy { (19.9...60.1).contains(Self.seconds($0) * 10) })
    }

    @Test func listedPositionFiresOnceAtClosestApproach() {
        let target = Self.plane.geodetic(of: ENU(east: 42.5, north: 3))
        let policy = TriggerPolicy(positions: [TriggerPosition(latitude: target.latitude, longitude: target.longitude, radiusMeters: 5)])
        let f = Self.fires(Self.run(policy, Self.drive(seconds: 8) { _ in 10 }))
        #expect(f.count == 1)
        #expect(f.first?.cause == .position)
        #expect(abs((f.first.map(Self.seconds) ?? 0) - 4.25) < 0.01)
    }

    @Test func lostPositionPausesDistanceTriggering() {
        var planner = TriggerPlanner(policy: TriggerPolicy(spacingMeters: 5))
        for e in Self.drive(seconds: 1, speed: { _ in 10 }) { _ = planner.handle(e) }
        let actions = planner.handle(.tick(Self.t0 + .seconds(3)))
        #expect(actions == [.paused(.noPosition)])
    }

    @Test func odometerReplacesGNSSSpeed() {
        // GNSS says 10 m/s but the wheel says 5 m/s: spacing follows the odometer.
        var events: [TriggerEvent] = []
        for (i, e) in Self.drive(seconds: 4, speed: { _ in 10 }).enumerated() {
            events.append(.odometer(OdometerReading(time: Self.t0 + .milliseconds(100 * i), distanceMeters: 0.5 * Double(i))))
            events.append(e)
        }
        let f = Self.fires(Self.run(TriggerPolicy(spacingMeters: 5), events))
        #expect(f.count == 5)
        #expect(f.map { Int(Self.seconds($0).rounded()) } == [0, 1, 2, 3, 4])
    }
}
