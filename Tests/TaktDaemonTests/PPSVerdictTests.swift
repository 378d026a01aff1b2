import TaktCore
import Testing
@testable import TaktDaemon

/// A `/time/pps` record carries the verdict on its own edge: handling an edge can reject the *previous* one (it
/// never got a label), and that rejection must not be pinned on the new edge.
@Suite struct PPSVerdictTests {
    @Test func rejectionOfThePreviousEdgeIsNotTheNewEdgesVerdict() {
        var model = ClockModel()
        let first = MonotonicInstant(nanoseconds: 10_000_000_000)
        let second = MonotonicInstant(nanoseconds: 11_000_000_000)
        // No TIM-TP announcement and no post-edge label: the first edge stays pending until the second arrives.
        let a = model.handle(.ppsEdge(PPSEdge(host: first, source: .usbDCD)))
        let b = model.handle(.ppsEdge(PPSEdge(host: second, source: .usbDCD)))
        #expect(a.rejection(ofEdgeAt: first) == nil)
        #expect(b.rejection(ofEdgeAt: first) == EdgeRejection.unlabelled.rawValue)
        #expect(b.rejection(ofEdgeAt: second) == nil)
    }

    @Test func aDoubleEdgeIsRejectedAsItself() {
        var model = ClockModel()
        let first = MonotonicInstant(nanoseconds: 10_000_000_000)
        let bounce = MonotonicInstant(nanoseconds: 10_000_200_000)
        _ = model.handle(.ppsEdge(PPSEdge(host: first, source: .usbDCD)))
        let b = model.handle(.ppsEdge(PPSEdge(host: bounce, source: .usbDCD)))
        #expect(b.rejection(ofEdgeAt: bounce) == EdgeRejection.doubleEdge.rawValue)
    }
}
