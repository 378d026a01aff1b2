import Foundation
import TaktCore
import TaktSimulation
@testable import TaktDaemon

/// A camera for the daemon-level test that behaves like the hardware in a scripted way: it exposes `lag` after each
/// command and raises a TIM-TM2 mark for it on the daemon's `FixBus` (as the receiver ingest would), except for
/// `lostMarks` (edge counted, time never reported); it fails `failing` seqs without an image and otherwise delivers
/// the simulator's stamped JPEG after `delivery`. It keeps what it sent, so the test can compare files byte for byte.
final class ScriptedCamera: CameraDriver {
    let context: DaemonContext
    let base: [UInt8]
    let lag: Duration
    let delivery: Duration
    let failing: Set<UInt32>
    let lostMarks: Set<UInt32>
    let receiver: String
    let sent = Locked<[UInt32: [UInt8]]>([:])
    let marks = Locked<[UInt32: GPSTime]>([:])
    let commands = Locked<[UInt32: MonotonicInstant]>([:])
    let edges = Locked<UInt16>(0)
    let events: AsyncStream<CameraDriverEvent>
    let continuation: AsyncStream<CameraDriverEvent>.Continuation
    let detail = "scripted test camera"

    init(
        context: DaemonContext, base: [UInt8], receiver: String, lag: Duration, delivery: Duration, failing: Set<UInt32>,
        lostMarks: Set<UInt32>
    ) {
        self.context = context
        self.base = base
        self.receiver = receiver
        self.lag = lag
        self.delivery = delivery
        self.failing = failing
        self.lostMarks = lostMarks
        (events, continuation) = AsyncStream.makeStream()
    }

    func start() {}
    func shutdown() { continuation.finish() }

    func trigger(seq: UInt32) {
        let now = HostClock.monotonic()
        commands.mutate { $0[seq] = now }
        // The strobe edge: the receiver counts it and (unless lost) reports its GPS time.
        var count: UInt16 = 0
        edges.mutate { $0 &+= 1; count = $0 }
        let edge = context.timeBase.stamp(now + lag).gps
        if !lostMarks.contains(seq) {
            marks.mutate { $0[seq] = edge }
            // Reported with the navigation epoch after the edge.
            let bus = context.navigation
            let mark = TimeMark(count: count, rising: edge, accuracyNanoseconds: 20)
            let r = receiver
            let later = lag + .milliseconds(60)
            Task {
                try? await Task.sleep(for: later)
                bus.publish(.mark(mark, receiver: r))
            }
        }
        if failing.contains(seq) {
            continuation.yield(.failed(seq: seq, reason: "scripted transfer failure", at: now))
            return
        }
        guard let bytes = try? SimulatedJPEG.stamped(base, comment: "test seq \(seq)") else { return }
        sent.mutate { $0[seq] = bytes }
        let out = continuation
        let d = delivery
        Task {
            try? await Task.sleep(for: d)
            out.yield(.image(seq: seq, bytes: bytes, deviceReported: nil, at: HostClock.monotonic()))
        }
    }
}
