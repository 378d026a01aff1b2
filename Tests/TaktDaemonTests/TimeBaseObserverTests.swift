import Synchronization
import TaktCore
import Testing
@testable import TaktDaemon

/// The daemon's time base reports every state change to its observer, whichever producer fed the event: here PPS
/// edges labelled by TIM-TP (the serial receiver's path) lead to a lock, and a silent PPS to holdover on a tick.
@Suite struct TimeBaseObserverTests {
    @Test func lockAndHoldoverReachTheObserver() {
        let tb = TimeBase(configuration: .init(), source: "test")
        let seen = Mutex<[ClockModelAction]>([])
        tb.observe { actions in seen.withLock { $0 += actions } }
        let host0: Int64 = 5_000_000_000
        let gps0: Int64 = 1_400_000_000 * 1_000_000_000
        for n in Int64(0)..<40 {
            let edge = host0 + n * 1_000_000_000
            // TIM-TP announcing this edge arrives 950 ms before it; the edge itself is clean to the nanosecond.
            tb.handle(.ppsLabel(PPSLabel(
                gps: GPSTime(nanosecondsSinceEpoch: gps0 + n * 1_000_000_000),
                receivedAt: MonotonicInstant(nanoseconds: edge - 950_000_000), source: .ubxTimTP)))
            tb.handle(.ppsEdge(PPSEdge(host: MonotonicInstant(nanoseconds: edge), source: .usbDCD)))
        }
        tb.handle(.tick(MonotonicInstant(nanoseconds: host0 + 45 * 1_000_000_000)))
        let actions = seen.withLock { $0 }
        #expect(actions.contains { if case .lockAcquired = $0 { true } else { false } })
        #expect(actions.contains { if case .lockLost = $0 { true } else { false } })
        #expect(!actions.contains { if case .edgeRejected = $0 { true } else { false } })
    }
}
