import Foundation
import Logging
public import TaktCore

extension DaemonContext {
    /// Puts the clock model's state changes on the timeline as `/events` (and in the log): lock, holdover, relock and
    /// steps, each at the host instant the model gives it. Rejections are counted in `/time/clock`, not logged.
    public func recordClockEvents(_ actions: [ClockModelAction]) {
        for action in actions {
            switch action {
            case .lockAcquired(let at, let sigma):
                let text = String(format: "PPS lock acquired (σ %.2f µs)", sigma / 1000)
                event("time-lock", source: "clock", text, at: at)
            case .lockLost(let at, _):
                event("time-holdover", source: "clock", "PPS lost: holdover", at: at, level: .warning)
            case .relocked(let at, let gap, _):
                let text = String(format: "PPS relocked after %.1f s holdover", gap)
                event("time-relock", source: "clock", text, at: at)
            case .stepDetected(let at, let change):
                event("time-step", source: "clock", "clock step of \(change) ns detected", at: at, level: .warning)
            case .edgeRejected, .labelRejected, .leapSecondsChanged:
                break
            }
        }
    }
}
