/// Speed along the path fused from the IMU's forward acceleration (100 Hz, drives the prediction) and the GNSS
/// Doppler speed (5–10 Hz, corrects it): a two-state Kalman filter over speed and accelerometer bias.
///
/// Why: GNSS speed alone carries its full white noise (σ ≈ 2–5 cm/s) into every distance increment and knows
/// the acceleration only as the difference of two noisy speeds one fix apart, so it reacts to braking a fix late.
/// The accelerometer sees braking within one sample and its noise integrates to millimetres per second, while the
/// Doppler speeds pin down its bias (and the gravity a slope leaks into the x axis).
struct AlongTrackFilter: Sendable {
    struct Noise: Sendable, Hashable {
        /// White noise of one accelerometer sample, m/s².
        var accelerationSigma = 0.05
        /// Random walk of the accelerometer bias (and road grade), m/s² per √s.
        var biasWalk = 0.02
        /// Doppler speed noise, m/s.
        var speedSigma = 0.03
    }

    private(set) var speed: Double
    private(set) var bias = 0.0
    /// Covariance [[speed, speed·bias], [speed·bias, bias]].
    private var p00: Double
    private var p01 = 0.0
    private var p11: Double
    let noise: Noise

    init(speed: Double, noise: Noise) {
        self.speed = speed
        self.noise = noise
        p00 = noise.speedSigma * noise.speedSigma
        p11 = 0.1 * 0.1
    }

    /// Bias-corrected acceleration of the latest sample.
    func acceleration(measured a: Double) -> Double { a - bias }

    /// Integrates one accelerometer sample over `dt` seconds.
    mutating func predict(acceleration a: Double, dt: Double) {
        guard dt > 0 else { return }
        speed += (a - bias) * dt
        // F = [[1, -dt], [0, 1]]
        let n00 = p00 - 2 * dt * p01 + dt * dt * p11
        let n01 = p01 - dt * p11
        let qa = noise.accelerationSigma * dt
        p00 = n00 + qa * qa
        p01 = n01
        p11 += noise.biasWalk * noise.biasWalk * dt
    }

    /// Corrects with a Doppler speed.
    mutating func update(speed z: Double) {
        let r = noise.speedSigma * noise.speedSigma
        let s = p00 + r
        guard s > 0 else { return }
        let k0 = p00 / s
        let k1 = p01 / s
        let innovation = z - speed
        speed += k0 * innovation
        bias += k1 * innovation
        let n00 = (1 - k0) * p00
        let n01 = (1 - k0) * p01
        let n11 = p11 - k1 * p01
        p00 = n00
        p01 = n01
        p11 = n11
    }
}
