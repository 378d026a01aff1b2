import Foundation
import TaktCore

extension TriggerDriveScenario {
    /// The same drive delivered the way the daemon receives a u-blox: each NAV-PVT epoch's fix first, then the
    /// ESF burst of the samples up to that epoch, in one `handle(batch:)`, with `imuArrivesInBursts`. The IMU's
    /// times are not the truth but what `SensorTimeTagMapper` makes of the millisecond tags (anchored as
    /// `UBXIngest` anchors them), so the figure includes the mapping's error. Same noise draws as `run`.
    func runAsUBlox(seed: UInt64) -> TriggerRun {
        var rng = SeededGenerator(seed: seed)
        var imuRNG = SeededGenerator(seed: seed ^ 0x1A2B_3C4D_5E6F)
        var configuration = TriggerPlanner.Configuration()
        configuration.latencyAllowance = latencyAllowance
        configuration.imuArrivesInBursts = true
        var planner = TriggerPlanner(policy: policy, configuration: configuration)
        var mapper = SensorTimeTagMapper()
        var fires: [TriggerFire] = []
        var commits: [GPSTime] = []
        var pauses = 0
        var warnings = 0
        func take(_ actions: [TriggerAction], at t: GPSTime) {
            for action in actions {
                switch action {
                case .fire(let f):
                    fires.append(f)
                    commits.append(t)
                case .paused: pauses += 1
                case .warning: warnings += 1
                case .resumed: break
                }
            }
        }
        let fixStep = 1 / fixRateHz
        let imuStep = 1 / imuRateHz
        var j = 0
        for k in 0...Int((seconds * fixRateHz).rounded(.down)) {
            let epoch = Double(k) * fixStep
            let epochTime = gps(epoch)
            take(planner.handle(.fix(fix(at: epoch, rng: &rng))), at: epochTime)
            var burst: [(tag: UInt32, sample: TriggerIMUSample)] = []
            while Double(j) * imuStep <= epoch + 1e-9 {
                let t = Double(j) * imuStep
                let tag = UInt32(truncatingIfNeeded: Int64((t * 1000).rounded()) + 7_000_000)
                burst.append((tag, imuSample(at: t, rng: &imuRNG)))
                j += 1
            }
            guard let newest = burst.last else { continue }
            mapper.anchor(tag: newest.tag, epoch: epochTime)
            let mapped = burst.compactMap { b -> TriggerEvent? in
                guard let m = mapper.map(tag: b.tag) else { return nil }
                var sample = b.sample
                sample.time = m.gps
                return .imu(sample)
            }
            take(planner.handle(batch: mapped), at: epochTime)
        }
        let truth = fires.map { f in drive.state(at: Double((f.time - start).nanoseconds) / 1e9) }
        return TriggerRun(
            scenario: self, fires: fires, truth: truth, commitTimes: commits, pauses: pauses, warnings: warnings)
    }
}
