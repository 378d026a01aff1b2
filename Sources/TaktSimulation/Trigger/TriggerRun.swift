public import TaktCore

/// The fires of one scenario run, each with the simulated truth at its instant, and the figures the acceptance
/// criteria name: spacing error against truth, fires while standing, and gaps that mean a missed target.
public struct TriggerRun: Sendable {
    public var scenario: TriggerDriveScenario
    public var fires: [TriggerFire]
    public var truth: [DriveState]
    /// GPS time of the event (fix/IMU sample epoch) whose handling committed each fire.
    public var commitTimes: [GPSTime]
    public var pauses: Int
    public var warnings: Int

    /// |true distance between consecutive fires − spacing|, metres, for consecutive distance fires that were
    /// both on time (not late after a pause, not deferred) and scored.
    public var spacingErrors: [Double] {
        guard let spacing = scenario.policy.spacingMeters else { return [] }
        var out: [Double] = []
        for i in fires.indices.dropFirst() {
            let a = fires[i - 1]
            let b = fires[i]
            guard a.cause == .distance, b.cause == .distance, !a.late, !b.late, !a.deferred, !b.deferred else { continue }
            guard seconds(a) >= scenario.scoreAfterSeconds else { continue }
            out.append(abs(truth[i].distanceMeters - truth[i - 1].distanceMeters - spacing))
        }
        return out
    }

    /// How far ahead of its fire time each fire was committed, seconds (from the committing event's epoch). The
    /// daemon can only fire on time when this exceeds its data latency (epoch → planner).
    public var leadTimes: [Double] {
        zip(fires, commitTimes).map { f, c in Double((f.time - c).nanoseconds) / 1e9 }
    }

    /// Fires at an instant when the true vehicle was standing still.
    public var firesWhileStanding: Int { truth.filter { $0.speedMetersPerSecond == 0 }.count }

    /// Consecutive fires further apart (true distance) than 1.1 × spacing: at least one target was missed there.
    public var missedGaps: Int {
        guard let spacing = scenario.policy.spacingMeters else { return 0 }
        return truth.indices.dropFirst().filter { i in
            truth[i].distanceMeters - truth[i - 1].distanceMeters > 1.1 * spacing
        }.count
    }

    /// True distance driven after the last fire; more than a spacing means the run ended with a missed target.
    public var distanceAfterLastFire: Double {
        drivenMeters - (truth.last?.distanceMeters ?? 0)
    }

    /// Targets expected over the driven distance (truth), for the "none missed" ratio.
    public var drivenMeters: Double {
        scenario.drive.state(at: scenario.seconds).distanceMeters
    }

    func seconds(_ f: TriggerFire) -> Double { Double((f.time - scenario.start).nanoseconds) / 1e9 }

    /// The p-quantile (0…1) of `values`, nearest-rank.
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
