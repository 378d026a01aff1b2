import Foundation
import Logging
import TaktCore
import TaktSimulation
import Testing
@testable import TaktDaemon
@testable import TaktSerial

/// The trigger-box camera's state driven by plain input arrays (no threads, no clocks): acks, refusals, ack
/// timeouts, line noise, a link drop with pending triggers, images matched to pulses and extras kept apart.
@Suite struct TriggerBoxCameraStateTests {
    func at(_ ms: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: 5_000_000_000 + ms * 1_000_000) }

    func downloaded(_ handle: UInt32) -> TriggerBoxCameraState.Input {
        let info = PTPObjectInfo(storageID: 1, objectFormat: .exifJPEG, compressedSize: 3, parentObject: 2, filename: "R.JPG")
        return .camera(
            .downloaded(
                CameraImage(
                    request: 0, objectHandle: handle, info: info, bytes: [1, 2, UInt8(handle)], check: .verified,
                    deletedFromCamera: false)))
    }

    func summary(_ events: [CameraDriverEvent]) -> [String] {
        events.map { e in
            switch e {
            case .image(let seq, let bytes, _, _): "image \(seq) \(bytes)"
            case .failed(let seq, let reason, _): "failed \(seq): \(reason)"
            case .notExposed(let seq, let reason, _): "notExposed \(seq): \(reason)"
            case .linkDown(let reason, _): "down \(reason)"
            case .linkUp(let detail, _): "up \(detail)"
            case .deviceStatus(let reading, _): "status \(reading)"
            }
        }
    }

    @Test func everyPulseEndsAsItsImageOrAFailureWithItsReason() throws {
        let dir = try TestEnvironment.temporaryDirectory("boxstate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let t0 = GPSTime(unixUTCNanoseconds: 1_780_301_700_000_000_000, leapSeconds: 18)
        let clock = ManualTimeSource(gps: t0)
        let recorder = Recorder(
            configuration: .init(vehicleId: "B1", outputDirectory: dir.path, rigFileBytes: []), now: { clock.now() })
        defer { recorder.shutdown() }
        let board = StatusBoard()
        let context = DaemonContext(
            rig: RigConfig(vehicleId: "B1", sensors: [], output: OutputPolicy(directory: dir.path)), rigPath: "t",
            timeBase: TimeBase(configuration: .init(), source: "t"), recorder: recorder, board: board,
            logger: Logger(label: "t"), simulated: true, startedAt: MonotonicInstant(nanoseconds: 0))
        board.update(sensor: SensorStatus(id: "box0", kind: .triggerBox, health: .starting))
        var state = TriggerBoxCameraState(
            boxId: "box0", device: "/dev/ttyUSB1", context: context, ackTimeout: .milliseconds(300),
            imageWindow: .init(minimumDelay: .milliseconds(50), maximumDelay: .milliseconds(900)))
        var out: [String] = []
        func feed(_ inputs: [TriggerBoxCameraState.Input]) { for i in inputs { out += summary(state.handle(i)) } }
        let lost = SerialPortError("sp_get_signals", errno: EIO, device: "/dev/ttyUSB1")

        feed([
            .serial(.opened(path: "/dev/ttyUSB1", at: at(0))),
            // 1: acked, image announced 300 ms later.
            .sending(1, at: at(0)), .serial(.bytes(Array("A 1 1000\n".utf8), receivedAt: at(2))),
            .camera(.announced(handle: 10, at: at(300))), downloaded(10),
            // 2: refused by the box.
            .sending(2, at: at(1_000)), .serial(.bytes(Array("E busy 2\n".utf8), receivedAt: at(1_002))),
            // 3: never acknowledged; noise and a stray ack on the line meanwhile.
            .sending(3, at: at(2_000)), .serial(.bytes(Array("\u{0}junk\nA 999 5\nH 77\n".utf8), receivedAt: at(2_010))),
            .tick(at(2_400)),
            // 4: the link drops before its ack; the camera still announces an image, which is kept as an extra.
            .sending(4, at: at(3_000)), .serial(.failed(lost, at: at(3_050))),
            .camera(.announced(handle: 11, at: at(3_300))), downloaded(11),
            .serial(.opened(path: "/dev/ttyUSB1", at: at(3_600))),
            // 5: acked but the camera announces nothing: reported once its window (+ report delay) has passed.
            .sending(5, at: at(4_000)), .serial(.bytes(Array("A 5 4000\n".utf8), receivedAt: at(4_002))),
            .tick(at(5_000)), .tick(at(5_500)),
        ])
        #expect(out.count == 6, "\(out)")
        #expect(out[0] == "image 1 [1, 2, 10]")
        #expect(out[1].hasPrefix("notExposed 2: trigger box box0 refused the pulse: busy 2"))
        #expect(out[2].hasPrefix("failed 3: trigger box box0 did not acknowledge within"))
        #expect(out[3].hasPrefix("failed 4: trigger box box0 link lost before the ack"))
        #expect(out[4] == "image \(UInt32.max) [1, 2, 11]")
        #expect(out[5].hasPrefix("failed 5: the camera announced no image within"))

        state.publish()
        let box = try #require(board.copy().sensors.first { $0.id == "box0" })
        #expect(box.health == .ok)
        #expect(box.counters["sent"] == 5 && box.counters["acks"] == 2 && box.counters["refused"] == 1)
        #expect(box.counters["ackTimeouts"] == 1 && box.counters["lostAtDisconnect"] == 1)
        #expect(box.counters["garbageLines"] == 1 && box.counters["unexpectedAcks"] == 1)
        #expect(box.counters["heartbeats"] == 1 && box.counters["gaps"] == 1)
        #expect(box.counters["extraImages"] == 1 && box.counters["noImage"] == 1)
        #expect(box.counters["lastGapMilliseconds"] != nil)
    }

    /// A context on a fresh recorder and board, with the box's sensor line registered.
    func makeContext(_ dir: URL) -> (DaemonContext, StatusBoard, Recorder) {
        let t0 = GPSTime(unixUTCNanoseconds: 1_780_301_700_000_000_000, leapSeconds: 18)
        let clock = ManualTimeSource(gps: t0)
        let recorder = Recorder(
            configuration: .init(vehicleId: "B1", outputDirectory: dir.path, rigFileBytes: []), now: { clock.now() })
        let board = StatusBoard()
        let context = DaemonContext(
            rig: RigConfig(vehicleId: "B1", sensors: [], output: OutputPolicy(directory: dir.path)), rigPath: "t",
            timeBase: TimeBase(configuration: .init(), source: "t"), recorder: recorder, board: board,
            logger: Logger(label: "t"), simulated: true, startedAt: MonotonicInstant(nanoseconds: 0))
        board.update(sensor: SensorStatus(id: "box0", kind: .triggerBox, health: .starting))
        return (context, board, recorder)
    }

    /// A box that sends heartbeats and then falls silent with its tty still open is declared lost after 3 s: the
    /// pending trigger ends as a miss, a gap opens, and the next line closes it. A box that never sent a heartbeat
    /// is not held to the rule.
    @Test func silentBoxIsDeclaredLostAfterThreeSecondsAndBackAtItsNextLine() throws {
        let dir = try TestEnvironment.temporaryDirectory("boxsilence")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (context, board, recorder) = makeContext(dir)
        defer { recorder.shutdown() }
        func health() -> SensorHealth? { board.copy().sensors.first { $0.id == "box0" }?.health }
        var state = TriggerBoxCameraState(
            boxId: "box0", device: "/dev/ttyUSB1", context: context, ackTimeout: .milliseconds(300),
            imageWindow: .init(minimumDelay: .milliseconds(50), maximumDelay: .milliseconds(900)))
        var out: [String] = []
        func feed(_ inputs: [TriggerBoxCameraState.Input]) { for i in inputs { out += summary(state.handle(i)) } }

        feed([
            .serial(.opened(path: "/dev/ttyUSB1", at: at(0))),
            .serial(.bytes(Array("H 100\n".utf8), receivedAt: at(100))),
            .sending(1, at: at(3_000)),
            .tick(at(3_050)),  // 2.95 s of silence: not yet
        ])
        #expect(out.isEmpty, "\(out)")
        #expect(health() == .ok)
        feed([.tick(at(3_150))])  // 3.05 s: lost; trigger 1's ack (due at 3.3 s) will never come
        #expect(out.count == 1)
        #expect(out.first?.hasPrefix("failed 1: trigger box box0 link lost before the ack: no line from the box for 3.0 s") == true, "\(out)")
        #expect(health() == .disconnected)
        feed([.tick(at(3_500)), .serial(.bytes(Array("H 4000\n".utf8), receivedAt: at(4_000))), .tick(at(4_100))])
        #expect(out.count == 1, "\(out)")
        #expect(health() == .ok)
        state.publish()
        let box = try #require(board.copy().sensors.first { $0.id == "box0" })
        #expect(box.counters["gaps"] == 1 && box.counters["lostAtDisconnect"] == 1)
        #expect(box.counters["lastGapMilliseconds"].map { (840...860).contains($0) } == true, "\(box.counters)")

        // Never a heartbeat: ten quiet seconds are not an outage.
        var quiet = TriggerBoxCameraState(
            boxId: "box0", device: "/dev/ttyUSB1", context: context, ackTimeout: .milliseconds(300),
            imageWindow: .init(minimumDelay: .milliseconds(50), maximumDelay: .milliseconds(900)))
        _ = quiet.handle(.serial(.opened(path: "/dev/ttyUSB1", at: at(0))))
        _ = quiet.handle(.serial(.bytes(Array("A 9 5\n".utf8), receivedAt: at(10))))
        #expect(quiet.handle(.tick(at(10_000))).isEmpty)
        #expect(quiet.outageStart == nil)
    }
}
