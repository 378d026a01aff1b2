import TaktCore
import Testing
@testable import TaktSimulation

/// The simulator's PPS + TIM-TP pattern (as `SimulatedGNSSService` emits it) must bring the clock model to
/// pps-locked, with the true error inside the stated σ — otherwise `takt simulate` could never show a locked time base.
@Suite struct SimulatedPPSLockTests {
    @Test(arguments: [false, true]) func locksFromSimulatedPPS(withLaggingTPV: Bool) {
        let truth = SimulatedTruth(
            hostOrigin: MonotonicInstant(nanoseconds: 5_000_000_000_000),
            gpsOrigin: GPSTime(unixUTCNanoseconds: 1_780_301_700_123_000_000, leapSeconds: 18), ppsJitterNanoseconds: 1_000)
        var model = ClockModel(configuration: .init())
        var rng = SeededGenerator(seed: 7)
        var lockedAt: Int?
        var second = truth.gpsOrigin.wholeSeconds + 1
        for k in 0..<120 {
            let edgeGPS = GPSTime(nanosecondsSinceEpoch: second * 1_000_000_000)
            let edgeHost = truth.host(at: edgeGPS)
            let seen = MonotonicInstant(nanoseconds: edgeHost.nanoseconds + Int64((rng.gaussian() * 1_000).rounded()))
            _ = model.handle(.ppsEdge(PPSEdge(host: seen, source: .simulated)))
            let labelAt = truth.host(at: edgeGPS + .milliseconds(45))
            _ = model.handle(.messageTime(GNSSMessageTime(gps: edgeGPS, receivedAt: labelAt, source: .ubx)))
            _ = model.handle(.ppsLabel(PPSLabel(gps: edgeGPS + .seconds(1), receivedAt: labelAt, source: .ubxTimTP)))
            if withLaggingTPV {
                // gpsd TPV from a replay that lags truth by 1.3 s.
                let tpvAt = truth.host(at: edgeGPS + .milliseconds(300))
                _ = model.handle(.messageTime(GNSSMessageTime(gps: edgeGPS - .milliseconds(1300), receivedAt: tpvAt, source: .gpsdTPV)))
            }
            if lockedAt == nil && model.isLocked { lockedAt = k }
            second += 1
        }
        #expect(lockedAt != nil, "clock model never locked on simulated PPS")
        if let l = lockedAt { #expect(l < 30, "locked only after \(l) edges") }
        let probe = truth.host(at: GPSTime(nanosecondsSinceEpoch: (second - 1) * 1_000_000_000 + 400_000_000))
        let stamp = model.convert(probe)
        let err = Double(stamp.gps.nanosecondsSinceEpoch - truth.gps(at: probe).nanosecondsSinceEpoch)
        #expect(stamp.provenance == .ppsLocked)
        #expect(abs(err) <= 3 * stamp.sigmaNanoseconds, "error \(err) ns vs σ \(stamp.sigmaNanoseconds) ns")
    }
}
