public import TaktCore

/// What the simulated u-blox F9 sends in one GPS second, built from the shared truth and drive: five NAV-PVT epochs
/// (5 Hz), each followed by the 20 ESF-RAW sample sets (100 Hz) of the 200 ms before it, and with the first epoch an
/// RXM-RAWX and a TIM-TP announcing the *next* pulse. Both the in-process simulator (`SimulatedGNSSService`) and the
/// emulated serial receiver (`EmulatedReceiverFeed`) send these bytes, so every rig shares one truth.
public struct SimulatedReceiverStream: Sendable {
    public let truth: SimulatedTruth
    public let drive: SimulatedDrive

    /// NAV-PVT epochs per second, and how long after an epoch the receiver's output for it appears.
    public static let epochsPerSecond = 5
    public static let outputLatency: Duration = .milliseconds(45)

    public init(truth: SimulatedTruth, drive: SimulatedDrive) {
        self.truth = truth
        self.drive = drive
    }

    /// The GPS time of epoch `k` (0..<5) of GPS second `second`.
    public func epochTime(second: Int64, epoch k: Int) -> GPSTime {
        GPSTime(nanosecondsSinceEpoch: second * GPSTime.nanosecondsPerSecond) + .milliseconds(200 * k)
    }

    /// The bytes the receiver emits for epoch `k` of GPS second `second`.
    public func bytes(second: Int64, epoch k: Int) -> [UInt8] {
        let edge = GPSTime(nanosecondsSinceEpoch: second * GPSTime.nanosecondsPerSecond)
        let epoch = epochTime(second: second, epoch: k)
        let state = drive.state(at: truth.driveSeconds(at: epoch))
        var bytes = UBXEncoder.navPVT(state, at: epoch, leapSeconds: truth.leapSeconds, satellites: 14)
        bytes += imuFrame(from: epoch - .milliseconds(200), to: epoch)
        if k == 0 {
            bytes += UBXEncoder.rxmRAWX(at: epoch, leapSeconds: truth.leapSeconds, satellites: 9, seed: UInt64(second))
            bytes += UBXEncoder.timTP(nextPulse: edge + .seconds(1), quantizationErrorPicoseconds: 0)
        }
        return bytes
    }

    /// 100 Hz IMU samples (ESF-RAW, 10 per frame) for the 200 ms before `end`, from the drive's truth: forward
    /// acceleration, yaw rate from the heading change, gravity on z. Time tags count milliseconds of drive time.
    func imuFrame(from start: GPSTime, to end: GPSTime) -> [UInt8] {
        var samples: [(timeTag: UInt32, gyro: (Double, Double, Double), accel: (Double, Double, Double))] = []
        var t = start + .milliseconds(10)
        while t <= end {
            let secs = truth.driveSeconds(at: t)
            let a = drive.state(at: secs)
            let b = drive.state(at: secs + 0.01)
            var dh = b.headingDegrees - a.headingDegrees
            if dh > 180 { dh -= 360 }
            if dh < -180 { dh += 360 }
            let yawRate = -dh / 0.01  // z up, heading clockwise
            let tag = UInt32(truncatingIfNeeded: Int64((secs * 1000).rounded()))
            samples.append((tag, (0, 0, yawRate), (a.accelerationMetersPerSecond2, 0, 9.80665)))
            t = t + .milliseconds(10)
        }
        return UBXEncoder.esfRAW(samples: samples)
    }
}
