import Foundation
import Logging
import TaktCore
import TaktSimulation
import TaktStore
import Testing
@testable import TaktDaemon

/// The raw u-blox path end to end: frames in, byte-exact `.ubx` and decoded fixes/IMU/time marks on the timeline out,
/// read back by python-mcap; the `.ubx` converted by convbin.
@Suite struct UBXIngestTests {
    @Test func rawStreamAndTimelineFromOneReceiver() async throws {
        let dir = try TestEnvironment.temporaryDirectory("ubx-ingest")
        defer { try? FileManager.default.removeItem(at: dir) }
        let t0 = GPSTime(unixUTCNanoseconds: 1_780_301_700_000_000_000, leapSeconds: 18)
        let clock = ManualTimeSource(gps: t0)
        let recorder = Recorder(
            configuration: .init(vehicleId: "U1", outputDirectory: dir.path, rigFileBytes: [], segmentSeconds: 60,
                                 syncInterval: .milliseconds(100)),
            now: { clock.now() })
        let rig = RigConfig(vehicleId: "U1", sensors: [], output: OutputPolicy(directory: dir.path))
        let context = DaemonContext(
            rig: rig, rigPath: "test", timeBase: TimeBase(configuration: .init(), source: "test"), recorder: recorder,
            board: StatusBoard(), logger: Logger(label: "test"), simulated: true, startedAt: MonotonicInstant(nanoseconds: 0))
        recorder.send(.start)
        for _ in 0..<200 where recorder.status.state != .recording { try await Task.sleep(for: .milliseconds(10)) }

        let drive = SimulatedDrive()
        var ingest = UBXIngest(sensorId: "f9r", context: context)
        var expected: [UInt8] = []
        for k in 0..<10 {
            let t = t0 + .milliseconds(200 * k)
            var frame = UBXEncoder.navPVT(drive.state(at: Double(k) * 0.2), at: t, leapSeconds: 18, satellites: 12)
            frame += UBXEncoder.esfRAW(samples: (0..<10).map { i in (UInt32(k * 200 + i * 20), (0.5, -0.25, 12.0), (1.5, 0, 9.80665)) })
            if k == 0 { frame += UBXEncoder.rxmRAWX(at: t, leapSeconds: 18, satellites: 6, seed: 1) }
            if k == 5 { frame += Array("garbage!".utf8) }
            expected += frame
            // Deliver in awkward pieces, as a serial port does.
            var i = 0
            while i < frame.count {
                let n = min(37, frame.count - i)
                ingest.ingest(Array(frame[i..<(i + n)]), at: MonotonicInstant(nanoseconds: 1_000_000_000_000 + Int64(k) * 200_000_000))
                i += n
            }
            clock.advance(.milliseconds(200))
        }
        // pyubx2 builds the TIM-TM2 frame: an independent encoder for a message the real logs lack.
        let hex = try TestEnvironment.run("python3", ["-c", """
            from pyubx2 import UBXMessage
            m = UBXMessage('TIM', 'TIM-TM2', 0, ch=0, newRisingEdge=1, time=1, timeBase=1, count=7, wnR=\(t0.week),
                           towMsR=\(t0.timeOfWeekNanoseconds / 1_000_000 + 1234), towSubMsR=567, accEst=20)
            print(m.serialize().hex())
            """])
        let markBytes = stride(from: 0, to: hex.stdout.count - 1, by: 2).compactMap { i -> UInt8? in
            let s = hex.stdout.index(hex.stdout.startIndex, offsetBy: i)
            return UInt8(hex.stdout[s..<hex.stdout.index(s, offsetBy: 2)], radix: 16)
        }
        ingest.ingest(markBytes, at: MonotonicInstant(nanoseconds: 1_002_100_000_000))
        expected += markBytes
        recorder.send(.stop)
        for _ in 0..<300 where recorder.status.state != .stopped { try await Task.sleep(for: .milliseconds(10)) }
        recorder.shutdown()

        let session = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix("_U1") })
        let seg = dir.appendingPathComponent("\(session)/segments/000000")
        let raw = try Data(contentsOf: seg.appendingPathComponent("data/gnss/f9r.ubx"))
        #expect(Array(raw) == expected, "the .ubx must hold the receiver bytes exactly")
        #expect(ingest.counters.garbageBytes == 8)
        #expect(ingest.imuSamples == 100)

        let counts = try TestEnvironment.run("python3", ["-c", """
            import sys, json, collections
            from mcap.reader import make_reader
            c = collections.Counter(); mark = None
            with open(sys.argv[1], 'rb') as f:
                for s, ch, m in make_reader(f, validate_crcs=True).iter_messages():
                    c[ch.topic] += 1
                    d = json.loads(m.data)
                    if ch.topic.endswith('/timemark'): mark = d
                    if ch.topic.startswith('/imu/'): assert abs(d['angular_velocity_dps']['z'] - 12.0) < 1e-3 and abs(d['linear_acceleration_mps2']['z'] - 9.80665) < 1e-3
            print(json.dumps({'counts': c, 'mark': mark}))
            """, seg.appendingPathComponent("data/timeline.mcap").path])
        #expect(counts.status == 0, "\(counts.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(counts.stdout.utf8)) as? [String: Any]
        let c = parsed?["counts"] as? [String: Int]
        #expect(c?["/gnss/f9r/fix"] == 10)
        #expect(c?["/imu/f9r"] == 100)
        #expect(c?["/gnss/f9r/timemark"] == 1)
        let mark = parsed?["mark"] as? [String: Any]
        #expect(mark?["count"] as? Int == 7)
        let rising = (t0.timeOfWeekNanoseconds / 1_000_000 + 1234) * 1_000_000 + 567 + Int64(t0.week) * 604_800_000_000_000
        #expect((mark?["rising_gps_ns"] as? NSNumber)?.int64Value == rising)

        let rinex = try TestEnvironment.run("convbin", ["-r", "ubx", "-o", dir.appendingPathComponent("x.obs").path, seg.appendingPathComponent("data/gnss/f9r.ubx").path])
        #expect(rinex.status == 0)
        let obs = try String(contentsOf: dir.appendingPathComponent("x.obs"), encoding: .utf8)
        #expect(obs.split(separator: "\n").filter { $0.hasPrefix("> ") }.count == 1)
    }
}
