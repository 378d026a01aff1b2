public import TaktCore

/// The simulator's ground truth between the host monotonic clock and GPS time: a host oscillator off by
/// `hostDriftPPM`, PPS edges with Gaussian `ppsJitterNanoseconds`. Every simulated sensor derives its times from
/// it, so tests can compare what Takt recorded against the truth.
public struct SimulatedTruth: Sendable {
    /// Host instant at which the simulation's GPS time was `gpsOrigin`.
    public let hostOrigin: MonotonicInstant
    public let gpsOrigin: GPSTime
    public let hostDriftPPM: Double
    public let ppsJitterNanoseconds: Double
    public let leapSeconds: Int

    public init(
        hostOrigin: MonotonicInstant, gpsOrigin: GPSTime, hostDriftPPM: Double = 20, ppsJitterNanoseconds: Double = 5_000,
        leapSeconds: Int = 18
    ) {
        self.hostOrigin = hostOrigin
        self.gpsOrigin = gpsOrigin
        self.hostDriftPPM = hostDriftPPM
        self.ppsJitterNanoseconds = ppsJitterNanoseconds
        self.leapSeconds = leapSeconds
    }

    /// True GPS time of a host instant (the host clock runs fast by `hostDriftPPM`).
    public func gps(at host: MonotonicInstant) -> GPSTime {
        let dh = Double(host.nanoseconds - hostOrigin.nanoseconds)
        return GPSTime(nanosecondsSinceEpoch: gpsOrigin.nanosecondsSinceEpoch + Int64((dh / (1 + hostDriftPPM * 1e-6)).rounded()))
    }

    /// Host instant at which true GPS time is `t` (before jitter).
    public func host(at t: GPSTime) -> MonotonicInstant {
        let dg = Double(t.nanosecondsSinceEpoch - gpsOrigin.nanosecondsSinceEpoch)
        return MonotonicInstant(nanoseconds: hostOrigin.nanoseconds + Int64((dg * (1 + hostDriftPPM * 1e-6)).rounded()))
    }

    /// Seconds of drive time at GPS time `t`.
    public func driveSeconds(at t: GPSTime) -> Double {
        Double(t.nanosecondsSinceEpoch - gpsOrigin.nanosecondsSinceEpoch) / 1e9
    }
}

import Foundation
