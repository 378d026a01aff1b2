import Testing

@testable import TaktCore

/// The IMU time offset learnt from motion: a stop-and-go speed profile (2 m/s² starts, 2.5 m/s² braking), Doppler
/// speeds with 2 cm/s noise at 10 Hz, 100 Hz accelerometer with 0.05 m/s² noise, its labels shifted by a known δ.
@Suite struct IMUTimeOffsetTests {
    static let t0 = GPSTime(week: 2_400, timeOfWeekNanoseconds: 50_000 * 1_000_000_000)

    /// Piecewise-constant acceleration, 26 s per cycle: 6 s at +2, 4 s cruise at 12 m/s, 4.8 s at −2.5, 11.2 s stop.
    static func acceleration(_ t: Double) -> Double {
        let c = t.truncatingRemainder(dividingBy: 26)
        if c < 6 { return 2 }
        if c < 10 { return 0 }
        if c < 14.8 { return -2.5 }
        return 0
    }

    static func speed(_ t: Double) -> Double {
        let c = t.truncatingRemainder(dividingBy: 26)
        if c < 6 { return 2 * c }
        if c < 10 { return 12 }
        if c < 14.8 { return 12 - 2.5 * (c - 10) }
        return 0
    }

    /// Gaussian noise from a fixed LCG (Box–Muller), so the test is deterministic.
    struct Noise {
        var state: UInt64
        mutating func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        mutating func gaussian() -> Double {
            let u = uniform()
            let v = uniform()
            return (-2 * Self.log(u)).squareRoot() * Trig.cos(2 * .pi * v)
        }
        /// Natural log without libm: range reduction by 2 and an atanh series.
        static func log(_ x: Double) -> Double {
            var m = x
            var k = 0.0
            while m < 0.5 { m *= 2; k -= 1 }
            let y = (m - 1) / (m + 1)
            var term = y
            var sum = 0.0
            var n = 1.0
            for _ in 0..<60 {
                sum += term / n
                term *= y * y
                n += 2
            }
            return 2 * sum + k * 0.693_147_180_559_945_3
        }
    }

    /// Runs `seconds` of drive with IMU labels `shift` seconds early (true time = label + shift); returns δ̂.
    static func estimate(shift: Double, seconds: Double, seed: UInt64) -> Double {
        var est = IMUTimeOffset(dopplerSpeedSigma: 0.03, timeSigma: 0.003)
        var noise = Noise(state: seed)
        for k in 0...Int(seconds * 100) {
            let t = Double(k) / 100
            if k % 10 == 0 {
                let v = speed(t) + 0.02 * noise.gaussian()
                est.fix(at: t0 + .nanoseconds(Int64(k) * 10_000_000), velocity: ENU(east: max(0, v), north: 0))
            }
            let label = t0 + .nanoseconds(Int64(((t - shift) * 1e9).rounded()))
            est.sample(at: label, acceleration: acceleration(t) + 0.05 * noise.gaussian(), yawRateDegreesPerSecond: nil)
        }
        return est.seconds
    }

    @Test(arguments: [1, 2, 3] as [UInt64]) func learnsAHalfIntervalShift(seed: UInt64) {
        let d = Self.estimate(shift: 0.005, seconds: 1_200, seed: seed)
        #expect(abs(d - 0.005) < 0.0015, "δ̂ \(d * 1000) ms for 5 ms")
    }

    @Test(arguments: [4, 5] as [UInt64]) func rightStampsStayPut(seed: UInt64) {
        let d = Self.estimate(shift: 0, seconds: 1_200, seed: seed)
        // Well inside the tag mapping's own σ (2.9 ms): noise barely moves a right stamp.
        #expect(abs(d) < 0.0015, "δ̂ \(d * 1000) ms for 0")
    }

    @Test func noMotionNoEstimate() {
        var est = IMUTimeOffset()
        for k in 0...1_000 {
            if k % 10 == 0 { est.fix(at: Self.t0 + .milliseconds(10 * k), velocity: ENU(east: 8, north: 0)) }
            est.sample(
                at: Self.t0 + .milliseconds(10 * k) - .milliseconds(5), acceleration: 0, yawRateDegreesPerSecond: 0)
        }
        #expect(est.seconds == 0)
    }

    /// Bends at a steady 12 m/s: 3 s straight, 2 s on a 20 m radius (34 °/s), alternating left and right. The
    /// course is far less noisy than the speed at this speed, so bends pin δ down much faster than stops.
    @Test(arguments: [0.005, 0] as [Double]) func learnsFromBends(shift: Double) {
        // Period 10.0037 s: the bends start at ever-different phases of the 10 ms sample grid, as real ones do.
        let period = 10.0037
        func yawRate(_ t: Double) -> Double {
            let c = t.truncatingRemainder(dividingBy: period)
            if c < 3 || (c >= 5 && c < 8) { return 0 }
            return (c < 5 ? 1 : -1) * 12 / 20
        }
        func course(_ t: Double) -> Double {
            // ∫ yaw: +1.2 rad over each left bend, −1.2 over each right one, so the course returns every period.
            let c = t.truncatingRemainder(dividingBy: period)
            if c < 3 { return 0 }
            if c < 5 { return 0.6 * (c - 3) }
            if c < 8 { return 1.2 }
            return 1.2 - 0.6 * (c - 8)
        }
        var est = IMUTimeOffset(dopplerSpeedSigma: 0.03, timeSigma: 0.003)
        var noise = Noise(state: 9)
        for k in 0...(240 * 100) {
            let t = Double(k) / 100
            if k % 10 == 0 {
                let h = course(t)
                est.fix(
                    at: Self.t0 + .nanoseconds(Int64(k) * 10_000_000),
                    velocity: ENU(
                        east: 12 * Trig.cos(h) + 0.02 * noise.gaussian(),
                        north: 12 * Trig.sin(h) + 0.02 * noise.gaussian()))
            }
            let label = Self.t0 + .nanoseconds(Int64(((t - shift) * 1e9).rounded()))
            est.sample(
                at: label, acceleration: 0.05 * noise.gaussian(),
                yawRateDegreesPerSecond: Trig.degrees(yawRate(t)) + 0.1 * noise.gaussian())
        }
        #expect(abs(est.seconds - shift) < 0.0015, "δ̂ \(est.seconds * 1000) ms for \(shift * 1000) ms after 4 min")
    }
}
