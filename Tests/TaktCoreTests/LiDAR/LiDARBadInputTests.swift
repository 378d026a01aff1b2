import TaktCore
import Testing

/// The four kinds of bad input the issue names (truncated, oversized, wrong port, random bytes), for both sensor
/// families: each is classified malformed, counted once by the tracker, and explained by `rejection`; good packets
/// around them are still accepted.
@Suite("LiDAR bad input is counted and explained")
struct LiDARBadInputTests {
    enum Kind: String, CaseIterable, Sendable { case truncated, oversized, wrongPort, randomBytes }

    struct Fixture {
        var classifier: LiDARPacketClassifier
        var good: [UInt8]
        var goodPort: UInt16
        /// A valid packet of the sensor's other kind, and the port it must not arrive on.
        var otherKind: [UInt8]
    }

    static func ouster() throws -> Fixture {
        let (metadata, payloads) = try LiDARFuzzTests.ousterSample()
        let lidar = try #require(payloads.first { $0.count == metadata.format.lidarPacketSize })
        let imu = [UInt8](repeating: 0, count: OusterPacketFormat.imuPacketSize)
        return Fixture(
            classifier: .init(sensor: .ouster(format: metadata.format, lidarPort: 7502, imuPort: 7503)), good: lidar,
            goodPort: 7502, otherKind: imu)
    }

    static func velodyne() throws -> Fixture {
        let captured = try VelodyneDecoderTests.capturedPayload()
        let data = Array(captured[0..<1200]) + Array(captured[1206..<1210]) + [0x37, 0x22]
        let position = VelodyneStreamModel.positionPacket(microsecondsPastHour: 5, pps: .locked, sentence: "")
        return Fixture(
            classifier: .init(sensor: .velodyne(dataPort: 2368, positionPort: 8308)), good: data, goodPort: 2368,
            otherKind: position)
    }

    @Test(
        "each kind of bad datagram is malformed, counted and explained", arguments: ["ouster", "velodyne"],
        Kind.allCases)
    func badInput(family: String, kind: Kind) throws {
        let f = family == "ouster" ? try Self.ouster() : try Self.velodyne()
        var generator = SeededGenerator(seed: 17)
        let (payload, port): ([UInt8], UInt16) =
            switch kind {
            case .truncated: (Array(f.good.dropLast(7)), f.goodPort)
            case .oversized: (f.good + [0, 1, 2], f.goodPort)
            case .wrongPort: (f.otherKind, f.goodPort)
            case .randomBytes:
                ((0..<f.good.count).map { _ in UInt8.random(in: 0...255, using: &generator) }, f.goodPort)
            }
        var tracker = LiDARLossTracker(sequencing: f.classifier.sequencing)
        let events = [
            f.classifier.event(payload: f.good, port: f.goodPort, at: .init(nanoseconds: 1)),
            f.classifier.event(payload: payload, port: port, at: .init(nanoseconds: 2)),
        ]
        for event in events { _ = tracker.handle(event) }
        guard case .malformed(let bytes, _) = events[1] else {
            Issue.record("\(kind) was accepted")
            return
        }
        #expect(bytes == payload.count)
        #expect(tracker.counters.malformed == 1)
        #expect(tracker.counters.packets == 1)
        let reason = f.classifier.rejection(payload: payload, port: port)
        let expected: String =
            switch kind {
            case .truncated, .oversized:
                family == "ouster" ? "layout gives \(f.good.count) B" : "expected one of [1206, 1212] B"
            case .wrongPort: family == "ouster" ? "IMU packet on the lidar port" : "position packet on the data port"
            case .randomBytes: family == "ouster" ? "Ouster " : "Velodyne block 0 flag"
            }
        #expect(reason.contains(expected), "\(reason)")
        #expect(reason.hasPrefix("\(payload.count) B on port \(port)"))
    }
}
