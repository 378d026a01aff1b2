import TaktCore
import Testing

/// Images a trigger-input camera announces by itself go to the pulse whose window holds them, never to a later one.
@Suite struct TriggeredImageAssignerTests {
    func at(_ ms: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: 1_000_000_000 + ms * 1_000_000) }
    let config = TriggeredImageAssigner.Configuration(minimumDelay: .milliseconds(50), maximumDelay: .milliseconds(900))

    @Test func imagesFollowTheirPulsesInOrder() {
        var a = TriggeredImageAssigner(configuration: config)
        a.pulsed(seq: 1, at: at(0))
        a.pulsed(seq: 2, at: at(1_000))
        #expect(a.announced(handle: 10, at: at(300)) == [.assigned(handle: 10, seq: 1)])
        #expect(a.announced(handle: 11, at: at(1_300)) == [.assigned(handle: 11, seq: 2)])
        #expect(a.openSequences.isEmpty)
    }

    @Test func aSkippedExposureIsAMissNotAShift() {
        var a = TriggeredImageAssigner(configuration: config)
        a.pulsed(seq: 1, at: at(0))
        a.pulsed(seq: 2, at: at(1_000))
        // Pulse 1 made no image: the image at 1.3 s is pulse 2's, and pulse 1 is reported when its window closes.
        #expect(a.announced(handle: 11, at: at(1_300)) == [.noImage(seq: 1, after: .milliseconds(900)), .assigned(handle: 11, seq: 2)])
    }

    @Test func imagesOutsideEveryWindowAreExtra() {
        var a = TriggeredImageAssigner(configuration: config)
        #expect(a.announced(handle: 5, at: at(0)) == [.extra(handle: 5)])
        a.pulsed(seq: 1, at: at(100))
        // Too soon after the pulse to be its exposure.
        #expect(a.announced(handle: 6, at: at(120)) == [.extra(handle: 6)])
        #expect(a.announced(handle: 7, at: at(400)) == [.assigned(handle: 7, seq: 1)])
        #expect(a.announced(handle: 8, at: at(500)) == [.extra(handle: 8)])
    }

    @Test func cancelledPulsesAreNotReportedAgain() {
        var a = TriggeredImageAssigner(configuration: config)
        a.pulsed(seq: 1, at: at(0))
        a.cancel(seq: 1)
        #expect(a.expire(now: at(5_000)) == [])
        #expect(a.announced(handle: 1, at: at(300)) == [.extra(handle: 1)])
    }
}
