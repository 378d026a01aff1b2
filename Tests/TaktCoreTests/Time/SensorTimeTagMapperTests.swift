import TaktCore
import Testing

/// ESF sensor time tags mapped to GPS time against a synthetic receiver whose truth is known: a tag counter with
/// its own phase and rate error, 100 Hz samples, bursts output after 5 Hz navigation epochs.
@Suite struct SensorTimeTagMapperTests {
    static let t0 = GPSTime(week: 2_400, timeOfWeekNanoseconds: 300_000_000_000_000)

    /// A receiver: sample k is taken at local time `phase + k · 10 ms` on an oscillator running `ppm` slow
    /// against GPS; its tag is the local millisecond count then.
    struct Receiver {
        var phaseNanoseconds: Int64 = 0
        var ppm = 0.0
        var tagAtZero: UInt32 = 1_000
        func local(_ k: Int64) -> Int64 { phaseNanoseconds + k * 10_000_000 }
        func sampleTime(_ k: Int64) -> GPSTime {
            t0 + .nanoseconds(Int64((Double(local(k)) * (1 + ppm * 1e-6)).rounded()))
        }
        func tag(_ k: Int64) -> UInt32 { tagAtZero &+ UInt32(truncatingIfNeeded: local(k) / 1_000_000) }
        /// The newest sample at or before epoch `e` (5 Hz).
        func newestSample(beforeEpoch e: Int64) -> Int64 {
            var k = Int64((Double(e * 200_000_000) / (1 + ppm * 1e-6) - Double(phaseNanoseconds)) / 1e7) + 1
            while sampleTime(k) > epoch(e) { k -= 1 }
            return k
        }
        func epoch(_ e: Int64) -> GPSTime { t0 + .nanoseconds(e * 200_000_000) }
    }

    /// Feeds `epochs` anchors, then returns the worst |mapped − true| over the samples of the last epochs, in ns,
    /// and the largest σ reported.
    static func run(_ r: Receiver, epochs: Int64, mapper m: inout SensorTimeTagMapper) -> (error: Double, sigma: Double)
    {
        var worst = 0.0
        var sigma = 0.0
        for e in 1...epochs {
            m.anchor(tag: r.tag(r.newestSample(beforeEpoch: e)), epoch: r.epoch(e))
        }
        let last = r.newestSample(beforeEpoch: epochs)
        for k in (last - 100)...last {
            guard let s = m.map(tag: r.tag(k)) else { continue }
            worst = max(worst, abs(Double((s.gps - r.sampleTime(k)).nanoseconds)))
            sigma = max(sigma, s.sigmaNanoseconds)
        }
        return (worst, sigma)
    }

    @Test func notReadyBeforeMinimumAnchors() {
        var m = SensorTimeTagMapper()
        let r = Receiver()
        #expect(m.map(tag: 5) == nil)
        m.anchor(tag: r.tag(20), epoch: r.epoch(1))
        m.anchor(tag: r.tag(40), epoch: r.epoch(2))
        #expect(!m.isReady)
        #expect(m.map(tag: r.tag(30)) == nil)
        m.anchor(tag: r.tag(60), epoch: r.epoch(3))
        #expect(m.isReady)
    }

    /// Samples locked to the epochs (as the simulated receiver's): the anchors cannot tell where in the last
    /// sample interval the newest sample lies, so the mapping takes the middle and says so in σ (≈ Δ/√12).
    @Test(arguments: [0, 3_700_000, 9_900_000] as [Int64]) func epochLockedSamplingIsWithinHalfAnInterval(phase: Int64)
        throws
    {
        var m = SensorTimeTagMapper()
        let (error, sigma) = Self.run(Receiver(phaseNanoseconds: phase), epochs: 20, mapper: &m)
        #expect(error <= 6_000_000, "error \(error) ns")
        #expect(sigma > 2_800_000 && sigma < 3_100_000, "σ \(sigma) ns")
        #expect(error <= 2.1 * sigma)
        let mapped = try #require(m.map(tag: Receiver().tag(7), provenance: .ppsLocked))
        #expect(mapped.provenance == .ppsLocked)
    }

    /// A counter running 200–300 ppm off walks the sampling phase through the epochs (a full interval every
    /// 35–50 s): the envelope pins the offset down to about the tag's 1 ms truncation, σ shrinks accordingly and
    /// still covers the error.
    @Test(arguments: [200.0, 300.0, -250.0]) func phaseWalkPinsTheOffset(ppm: Double) {
        var m = SensorTimeTagMapper()
        let r = Receiver(phaseNanoseconds: 3_700_000, ppm: ppm)
        let (error, sigma) = Self.run(r, epochs: 1_000, mapper: &m)
        #expect(error <= 1_500_000, "error \(error) ns")
        #expect(sigma < 1_500_000, "σ \(sigma) ns")
        #expect(error <= 3 * sigma, "error \(error) ns vs σ \(sigma) ns")
        #expect(abs(m.rateErrorPPM - ppm) < 60, "rate \(m.rateErrorPPM) ppm")
        #expect(m.resets == 0)
    }

    /// The naive alternative — stamping every sample at its burst's epoch — is up to 200 ms off; the mapper is not.
    @Test func beatsStampingAtTheEpoch() {
        var m = SensorTimeTagMapper()
        let r = Receiver(phaseNanoseconds: 3_700_000, ppm: 25)
        let (error, _) = Self.run(r, epochs: 100, mapper: &m)
        let k = r.newestSample(beforeEpoch: 100) - 15
        let naive = abs(Double((r.epoch(100) - r.sampleTime(k)).nanoseconds))
        #expect(naive > 100 * error)
    }

    /// The 32-bit counter wraps mid-run: mapping stays continuous across it.
    @Test func counterWrapIsContinuous() {
        var m = SensorTimeTagMapper()
        // Counter wraps after ~100 epochs (20 s = 20 000 ms before the wrap).
        let r = Receiver(phaseNanoseconds: 0, ppm: 0, tagAtZero: UInt32.max - 20_000)
        let (error, _) = Self.run(r, epochs: 150, mapper: &m)
        #expect(r.tag(r.newestSample(beforeEpoch: 150)) < 20_000, "the run crossed the wrap")
        #expect(error <= 6_000_000, "error \(error) ns")
        #expect(m.resets == 0)
    }

    /// A receiver reset restarts the counter: the mapper notices the inconsistent anchor and starts over.
    @Test func counterRestartResetsTheMapping() throws {
        var m = SensorTimeTagMapper()
        _ = Self.run(Receiver(), epochs: 20, mapper: &m)
        let restarted = Receiver(phaseNanoseconds: 0, ppm: 0, tagAtZero: 0 &- 4_000_000)  // tags near 0 at epoch ~21
        for e in Int64(21)...40 {
            m.anchor(tag: restarted.tag(restarted.newestSample(beforeEpoch: e)), epoch: restarted.epoch(e))
        }
        #expect(m.resets == 1)
        let k = restarted.newestSample(beforeEpoch: 40) - 3
        let mapped = try #require(m.map(tag: restarted.tag(k)))
        #expect(abs((mapped.gps - restarted.sampleTime(k)).nanoseconds) <= 6_000_000)
    }
}
