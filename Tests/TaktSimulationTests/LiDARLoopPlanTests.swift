import Foundation
import TaktCore
import TaktSimulation
import Testing

/// The simulated rig's LiDAR: the repo's real capture (one 1024x20 frame) looped must read, to Takt's own loss
/// tracker, as one continuous sensor stream: frame ids advance by one per loop, column times advance by the frame
/// period in PTP time, and nothing counts as lost, duplicated or restarted.
@Suite("Simulated LiDAR loop plan")
struct LiDARLoopPlanTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("hw/sim")

    @Test func loopsReadAsOneContinuousStream() throws {
        let capture = try [UInt8](
            Data(contentsOf: Self.fixture.appendingPathComponent("OS-2-32-U0_v2.0.0_1024x10.pcap")))
        let metadata = try OusterMetadata(
            json: [UInt8](Data(contentsOf: Self.fixture.appendingPathComponent("OS-2-32-U0_v2.0.0_1024x10.json"))))
        let plan = try LiDARLoopPlan(capture: capture, metadata: metadata, mode: .ousterPTP)
        #expect(plan.framesPerLoop == 1)
        #expect(plan.period == .milliseconds(50))  // lidar_mode 1024x20

        let classifier = LiDARPacketClassifier(
            sensor: .ouster(format: metadata.format, lidarPort: plan.lidarPort, imuPort: plan.imuPort))
        var tracker = LiDARLossTracker(sequencing: classifier.sequencing, silenceThreshold: .seconds(1))
        let origin = GPSTime(nanosecondsSinceEpoch: 1_400_000_000_000_000_000)
        var firstFrameIDs: [UInt32] = []
        var firstTimes: [UInt64] = []
        for loop in 0..<4 {
            let start = origin + plan.period * loop
            let sensorStart = plan.sensorTime(gps: start, origin: origin, leapSeconds: 18)
            for (index, packet) in plan.payloads(loop: loop, firstColumnSensorTime: sensorStart).enumerated() {
                let host = MonotonicInstant(nanoseconds: (start + packet.offset).nanosecondsSinceEpoch)
                let event = classifier.event(payload: packet.payload, port: packet.port, at: host)
                if index == 0, case .ouster(let decoded, _, _) = event {
                    firstFrameIDs.append(decoded.frameID)
                    firstTimes.append(decoded.columns[0].timestampNanoseconds)
                }
                _ = tracker.handle(event)
            }
        }
        _ = tracker.handle(.finish)
        #expect(zip(firstFrameIDs, firstFrameIDs.dropFirst()).allSatisfy { $1 == $0 &+ 1 })
        #expect(zip(firstTimes, firstTimes.dropFirst()).allSatisfy { $1 - $0 == 50_000_000 })
        // PTP time is TAI: GPS + 19 s + the GPS epoch's Unix seconds.
        #expect(firstTimes.first == UInt64(1_400_000_000_000_000_000 + (315_964_800 + 19) * 1_000_000_000))
        let c = tracker.counters
        #expect(c.packets == 4 * 64)
        #expect(c.completeFrames == 4)
        #expect(c.lost == 0)
        #expect(c.duplicates == 0)
        #expect(c.malformed == 0)
        #expect(c.restarts == 0)
    }
}
