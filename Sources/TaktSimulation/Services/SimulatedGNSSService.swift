import Foundation
import Logging
public import ServiceLifecycle
import TaktCore
public import TaktDaemon

/// The simulated u-blox receiver and its PPS line: at each true GPS second a PPS edge (host-stamped with jitter)
/// goes to the time base, then the receiver's UBX stream for that epoch (NAV-PVT at 5 Hz, RXM-RAWX at 1 Hz,
/// TIM-TP announcing the next pulse) goes through the same `UBXIngest` path a real serial receiver uses.
public struct SimulatedGNSSService: Service {
    let receiverId: String
    let ppsId: String?
    let truth: SimulatedTruth
    let drive: SimulatedDrive
    let context: DaemonContext
    let seed: UInt64
    /// Camera edges on this receiver's EXTINT, reported as TIM-TM2 with the epoch after them.
    let eventInput: SimulatedEventInput?

    public init(
        receiverId: String, ppsId: String?, truth: SimulatedTruth, drive: SimulatedDrive, context: DaemonContext,
        seed: UInt64 = 1, eventInput: SimulatedEventInput? = nil
    ) {
        self.eventInput = eventInput
        self.receiverId = receiverId
        self.ppsId = ppsId
        self.truth = truth
        self.drive = drive
        self.context = context
        self.seed = seed
    }

    public func run() async throws {
        var ingest = UBXIngest(sensorId: receiverId, context: context)
        var rng = SeededGenerator(seed: seed)
        context.board.update(sensor: SensorStatus(id: receiverId, kind: .gnss, health: .starting, detail: "simulated ZED-F9R"))
        if let p = ppsId {
            context.board.update(sensor: SensorStatus(id: p, kind: .pps, health: .starting, detail: "simulated PPS"))
        }
        var ppsRate = SensorRate()
        var edges = 0
        // Start at the next whole GPS second.
        var second = truth.gps(at: HostClock.monotonic()).wholeSeconds + 1
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let edgeGPS = GPSTime(nanosecondsSinceEpoch: second * GPSTime.nanosecondsPerSecond)
            let edgeHost = truth.host(at: edgeGPS)
            try await sleep(until: edgeHost)
            // PPS edge: the host sees it with jitter.
            if let p = ppsId {
                let seen = MonotonicInstant(
                    nanoseconds: edgeHost.nanoseconds + Int64((rng.gaussian() * truth.ppsJitterNanoseconds).rounded()))
                let actions = context.timeBase.handle(.ppsEdge(PPSEdge(host: seen, source: .simulated)))
                edges += 1
                ppsRate.add(bytes: 0, at: seen)
                let t = context.timeBase.timelineTime(seen)
                let rejected = actions.compactMap { a -> String? in
                    if case .edgeRejected(_, let r) = a { return r.rawValue } else { return nil }
                }.first
                context.publish(
                    "/time/pps", schema: .ppsEdge, time: t,
                    PPSEdgeMessage(
                        time: t, frameId: p, host: seen, labelGPSSecond: second, labelSource: "ubx-tim-tp (previous epoch)",
                        residualNs: nil, accepted: rejected == nil, rejectReason: rejected))
                for a in actions { log(a) }
                let r = ppsRate
                let n = edges
                context.board.modifySensor(p) {
                    $0.health = .ok
                    $0.messagesPerSecond = r.messagesPerSecond
                    $0.lastDataAgeSeconds = 0
                    $0.counters["edges"] = Int64(n)
                }
            }
            // The receiver's messages for this second: 5 NAV-PVT epochs, RAWX with the first, TIM-TP for the next pulse.
            for k in 0..<5 {
                let epoch = edgeGPS + .milliseconds(200 * k)
                let emit = truth.host(at: epoch + .milliseconds(45))
                try await sleep(until: emit)
                let state = drive.state(at: truth.driveSeconds(at: epoch))
                var bytes = UBXEncoder.navPVT(state, at: epoch, leapSeconds: truth.leapSeconds, satellites: 14)
                bytes += imuFrame(from: epoch - .milliseconds(200), to: epoch)
                if k == 0 {
                    bytes += UBXEncoder.rxmRAWX(at: epoch, leapSeconds: truth.leapSeconds, satellites: 9, seed: UInt64(second))
                    bytes += UBXEncoder.timTP(nextPulse: edgeGPS + .seconds(1), quantizationErrorPicoseconds: 0)
                }
                if let input = eventInput { bytes += input.report(through: epoch) }
                ingest.ingest(bytes, at: HostClock.monotonic())
            }
            second += 1
        }
    }

    /// 100 Hz IMU samples (ESF-RAW, 10 per frame) for the 200 ms before `end`, from the drive's truth: forward
    /// acceleration, yaw rate from the heading change, gravity on z. Time tags count milliseconds of drive time.
    private func imuFrame(from start: GPSTime, to end: GPSTime) -> [UInt8] {
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
            samples.append((UInt32(truncatingIfNeeded: Int64(secs * 1000)), (0, 0, yawRate), (a.accelerationMetersPerSecond2, 0, 9.80665)))
            t = t + .milliseconds(10)
        }
        return UBXEncoder.esfRAW(samples: samples)
    }

    private func sleep(until host: MonotonicInstant) async throws {
        let now = HostClock.monotonic()
        let dt = host.nanoseconds - now.nanoseconds
        if dt > 0 { try await Task.sleep(for: .nanoseconds(dt)) }
    }

    private func log(_ action: ClockModelAction) {
        let now = HostClock.monotonic()
        switch action {
        case .lockAcquired(_, let sigma):
            context.event("time-lock", source: "clock", String(format: "PPS lock acquired (σ %.2f µs)", sigma / 1000), at: now)
        case .lockLost:
            context.event("time-holdover", source: "clock", "PPS lost: holdover", at: now, level: .warning)
        case .relocked(_, let h, _):
            context.event("time-relock", source: "clock", String(format: "PPS relocked after %.1f s holdover", h), at: now)
        case .stepDetected(_, let d):
            context.event("time-step", source: "clock", "clock step of \(d) ns detected", at: now, level: .warning)
        default:
            break
        }
    }
}
