import Foundation
import Logging
import TaktCore
import TaktSimulation
import Testing
@testable import TaktDaemon

/// The receiver ingest hands fixes and time marks to in-process consumers through the `FixBus`.
@Suite struct FixBusTests {
    @Test func ubxIngestPublishesFixesAndMarksOnTheBus() async throws {
        let dir = try TestEnvironment.temporaryDirectory("fixbus")
        defer { try? FileManager.default.removeItem(at: dir) }
        let t0 = GPSTime(unixUTCNanoseconds: 1_780_301_700_000_000_000, leapSeconds: 18)
        let clock = ManualTimeSource(gps: t0)
        let recorder = Recorder(
            configuration: .init(vehicleId: "B1", outputDirectory: dir.path, rigFileBytes: []), now: { clock.now() })
        defer { recorder.shutdown() }
        let context = DaemonContext(
            rig: RigConfig(vehicleId: "B1", sensors: [], output: OutputPolicy(directory: dir.path)), rigPath: "t",
            timeBase: TimeBase(configuration: .init(), source: "t"), recorder: recorder, board: StatusBoard(),
            logger: Logger(label: "t"), simulated: true, startedAt: MonotonicInstant(nanoseconds: 0))
        let stream = context.navigation.subscribe()
        #expect(context.navigation.subscriberCount == 1)

        let drive = SimulatedDrive()
        var ingest = UBXIngest(sensorId: "f9r", context: context)
        var states: [DriveState] = []
        for k in 0..<5 {
            let s = drive.state(at: 20 + Double(k) * 0.2)
            states.append(s)
            ingest.ingest(
                UBXEncoder.navPVT(s, at: t0 + .milliseconds(200 * k), leapSeconds: 18, satellites: 12),
                at: MonotonicInstant(nanoseconds: 1_000_000_000 + Int64(k) * 200_000_000))
        }
        // pyubx2 builds the TIM-TM2: an independent encoder.
        let hex = try TestEnvironment.run("python3", ["-c", """
            from pyubx2 import UBXMessage
            m = UBXMessage('TIM', 'TIM-TM2', 0, ch=0, newRisingEdge=1, time=1, timeBase=1, count=42, wnR=\(t0.week),
                           towMsR=\(t0.timeOfWeekNanoseconds / 1_000_000 + 321), towSubMsR=654, accEst=25)
            print(m.serialize().hex())
            """])
        try #require(hex.status == 0, "\(hex.stderr)")
        let text = hex.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let mark = stride(from: 0, to: text.count, by: 2).compactMap { i -> UInt8? in
            let s = text.index(text.startIndex, offsetBy: i)
            return UInt8(text[s..<text.index(s, offsetBy: 2)], radix: 16)
        }
        ingest.ingest(mark, at: MonotonicInstant(nanoseconds: 2_100_000_000))

        var fixes: [(TriggerFix, PoseSample)] = []
        var marks: [(TimeMark, String)] = []
        for await signal in stream {
            switch signal {
            case .fix(let f, let p, let r):
                #expect(r == "f9r")
                fixes.append((f, p))
            case .mark(let m, let r): marks.append((m, r))
            case .imu: Issue.record("no ESF frames were sent")
            }
            if marks.count == 1 { break }
        }
        #expect(fixes.count == 5)
        for (k, (fix, pose)) in fixes.enumerated() {
            let s = states[k]
            #expect(fix.time == t0 + .milliseconds(200 * k))
            #expect(pose.time == fix.time)
            #expect(abs(fix.position.latitude - s.latitude) < 1e-7)
            #expect(abs(fix.position.longitude - s.longitude) < 1e-7)
            let v = try #require(fix.velocity)
            #expect(abs(v.horizontalNorm - s.speedMetersPerSecond) < 0.01)
            if s.speedMetersPerSecond > 1 {
                let heading = atan2(v.east, v.north) * 180 / .pi
                let d = (heading - s.headingDegrees + 540).truncatingRemainder(dividingBy: 360) - 180
                #expect(abs(d) < 0.5, "course \(heading)° vs truth \(s.headingDegrees)°")
            }
        }
        let (m, receiver) = try #require(marks.first)
        #expect(receiver == "f9r")
        #expect(m.count == 42)
        #expect(m.rising == t0 + .nanoseconds(321_000_654))
        #expect(m.accuracyNanoseconds == 25)
    }

    /// The simulated u-blox stream (NAV-PVT, then the epoch's ESF-RAW burst): IMU samples reach the bus on GPS time
    /// through the tag mapping, within its σ of the truth, with forward acceleration and yaw rate from the drive.
    @Test func ubxIngestPublishesIMUBurstsOnGPSTime() async throws {
        let dir = try TestEnvironment.temporaryDirectory("fixbus-imu")
        defer { try? FileManager.default.removeItem(at: dir) }
        let t0 = GPSTime(unixUTCNanoseconds: 1_780_301_700_000_000_000, leapSeconds: 18)
        let clock = ManualTimeSource(gps: t0)
        let recorder = Recorder(
            configuration: .init(vehicleId: "B2", outputDirectory: dir.path, rigFileBytes: []), now: { clock.now() })
        defer { recorder.shutdown() }
        let context = DaemonContext(
            rig: RigConfig(vehicleId: "B2", sensors: [], output: OutputPolicy(directory: dir.path)), rigPath: "t",
            timeBase: TimeBase(configuration: .init(), source: "t"), recorder: recorder, board: StatusBoard(),
            logger: Logger(label: "t"), simulated: true, startedAt: MonotonicInstant(nanoseconds: 0))
        let stream = context.navigation.subscribe()
        let truth = SimulatedTruth(hostOrigin: MonotonicInstant(nanoseconds: 1_000_000_000), gpsOrigin: t0 - .seconds(30))
        let drive = SimulatedDrive()
        let receiver = SimulatedReceiverStream(truth: truth, drive: drive)
        let second = t0.nanosecondsSinceEpoch / GPSTime.nanosecondsPerSecond
        var ingest = UBXIngest(sensorId: "f9r", context: context)
        for s in 0..<3 {
            for k in 0..<SimulatedReceiverStream.epochsPerSecond {
                let epoch = receiver.epochTime(second: second + Int64(s), epoch: k)
                ingest.ingest(
                    receiver.bytes(second: second + Int64(s), epoch: k),
                    at: truth.host(at: epoch + SimulatedReceiverStream.outputLatency))
            }
        }
        #expect(ingest.imuTime.isReady)
        #expect(ingest.imuTime.resets == 0)
        var samples: [TriggerIMUSample] = []
        var fixes = 0
        for await signal in stream {
            switch signal {
            case .fix: fixes += 1
            case .imu(let burst, let r):
                #expect(r == "f9r")
                samples += burst
            case .mark: break
            }
            if fixes == 15 { break }
        }
        // The first bursts come before the mapping has its 3 anchors; the rest all arrive.
        #expect(samples.count >= 12 * 20)
        for sample in samples {
            // The simulator stamps its tags in whole drive milliseconds; the truth is that instant.
            let mapped = truth.driveSeconds(at: sample.time)
            let state = drive.state(at: mapped)
            #expect(abs(sample.forwardAccelerationMetersPerSecond2 - state.accelerationMetersPerSecond2) < 0.01)
        }
        // Mapped times sit within one sample interval of the sample's own instant (σ ≈ 2.9 ms: epoch-locked).
        let tags = samples.map { truth.driveSeconds(at: $0.time) }
        for (a, b) in zip(tags, tags.dropFirst()) { #expect(abs((b - a) - 0.01) < 1e-6) }
        let firstTruth = try #require(samples.first).time
        let epochAligned = Double((firstTruth - t0).nanoseconds % 10_000_000)
        #expect(min(epochAligned, 10_000_000 - epochAligned) <= 6_000_000)
    }
}
