import Foundation
import TaktCore
import TaktStore
import Testing
import TaktSimulation
@testable import TaktDaemon

@Suite struct SensorLossShareTests {
    @Test func onlyThisSegmentsIncreaseCounts() {
        let share = SensorLossShare(
            before: ["os0": ["lost": 5, "duplicates": 1, "queueOverflows": 0]],
            after: ["os0": ["lost": 12, "duplicates": 1, "queueOverflows": 2, "malformed": 3], "g": ["garbageBytes": 0]])
        #expect(share.losses == [
            SegmentLoss(path: "sensor:os0", bytes: 0, records: 7, reason: "packets lost before reaching Takt (sequence gaps)"),
            SegmentLoss(path: "sensor:os0", bytes: 0, records: 2, reason: "receive queue overflow"),
        ])
        #expect(share.notes == ["os0 in this segment: malformed=3"])
    }

    /// Losses counted while a segment was open land in that segment's manifest, not the next one's.
    @Test func rotationSplitsTheCountersBetweenSegments() async throws {
        let dir = try TestEnvironment.temporaryDirectory("loss-share")
        defer { try? FileManager.default.removeItem(at: dir) }
        let t0 = GPSTime(unixUTCNanoseconds: 1_780_301_695_000_000_000, leapSeconds: 18)
        let clock = ManualTimeSource(gps: t0)
        let counters = Locked<[String: [String: Int64]]>(["os0": ["lost": 0]])
        let recorder = Recorder(
            configuration: .init(
                vehicleId: "L1", outputDirectory: dir.path, rigFileBytes: [], segmentSeconds: 10,
                syncInterval: .milliseconds(50), sensorCounters: { counters.value }),
            now: { clock.now() })
        recorder.send(.start)
        for _ in 0..<200 where recorder.status.state != .recording { try await Task.sleep(for: .milliseconds(10)) }
        counters.mutate { $0["os0"]?["lost"] = 4 }
        // Cross the boundary with one item; the first segment closes with the 4 lost packets.
        clock.advance(.seconds(12))
        recorder.submit(.raw(file: "gnss/x.nmea", bytes: Array(NMEAEncoder.sentence("GPZDA,081500.00,01,06,2026,00,00").utf8), records: 1, time: clock.gps))
        for _ in 0..<200 where recorder.status.segmentsClosed < 1 { try await Task.sleep(for: .milliseconds(10)) }
        counters.mutate { $0["os0"]?["lost"] = 10 }
        recorder.send(.stop)
        for _ in 0..<200 where recorder.status.state != .stopped { try await Task.sleep(for: .milliseconds(10)) }
        recorder.shutdown()
        let session = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix("_L1") })
        func lost(_ seg: String) throws -> Int {
            let data = try Data(contentsOf: dir.appendingPathComponent("\(session)/segments/\(seg)/segment.json"))
            let desc = try JSONDecoder().decode(SegmentDescription.self, from: data)
            return desc.losses.filter { $0.path == "sensor:os0" }.reduce(0) { $0 + $1.records }
        }
        #expect(try lost("000000") == 4)
        #expect(try lost("000001") == 6)
        #expect(BundleVerifier.verify(path: dir.appendingPathComponent(session).path).isSound)
    }
}
