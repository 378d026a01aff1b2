import Foundation
import TaktCore
import Testing

/// Velodyne frames (revolutions) from real-structured VLP-16 / VLS-128 streams: the generated packets are checked
/// against velodyne-decoder, then the loss tracker's per-frame completeness against the stream's ground truth with
/// injected drops, duplicates, swaps and azimuth jumps.
@Suite("Velodyne frame completeness")
struct VelodyneFrameTests {
    struct Case: Sendable, CustomStringConvertible {
        var model: VelodyneStreamModel
        var start: UInt32
        var peerModel: String
        var description: String { "\(model.product) \(model.returnMode.isDual ? "dual" : "single") @\(start)" }
    }

    static let cases: [Case] = [
        Case(model: .init(product: .vlp16), start: 1_000_000, peerModel: "VLP16"),
        // Starts 0.15 s before the top of the hour: the µs clock wraps inside the second frame.
        Case(model: .init(product: .vlp16, returnMode: .dual), start: 3_599_850_000, peerModel: "VLP16"),
        Case(model: .init(product: .vls128), start: 2_000_000, peerModel: "VLS128"),
    ]

    /// Which revolution packet `index` belongs to: the number of times its (rounded) first azimuth passed 0°.
    static func revolution(_ model: VelodyneStreamModel, _ index: Int) -> Int {
        Int((model.startAzimuthHundredths + Double(index) * model.azimuthStepHundredths).rounded()) / 36000
    }

    static func packets(_ c: Case, count: Int) throws -> [VelodyneDataPacket] {
        try (0..<count).map {
            try VelodyneDataPacket(bytes: c.model.packet(index: Int64($0), startMicrosecondsPastHour: c.start))
        }
    }

    @Test("generated packets decode as the model and agree with velodyne-decoder", arguments: cases)
    func generatedPacketsMatchPeer(_ c: Case) throws {
        let count = Int(c.model.packetsPerRevolution * 1.5)
        let payloads = (0..<count).map { c.model.packet(index: Int64($0), startMicrosecondsPastHour: c.start) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("velodyne-\(UUID().uuidString).bin")
        try Data(payloads.joined()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let peer = try LiDARTestSupport.runPeer("velodyne_reference.py", ["stream", file.path])
        #expect(peer["model_id"] as? String == c.peerModel)
        #expect(peer["return_mode"] as? String == (c.model.returnMode.isDual ? "BOTH" : "STRONGEST"))
        let packets = try payloads.map { try VelodyneDataPacket(bytes: $0) }
        #expect(packets.map { Int($0.blocks[0].azimuthHundredthsDegree) } == peer.ints("azimuths"))
        #expect(packets.map { Int($0.timestampMicrosecondsPastHour) } == peer.ints("timestamps"))
        #expect(packets.allSatisfy { $0.product == c.model.product && $0.returnMode == c.model.returnMode })
        #expect(Int(packets[0].blocks.map(\.flag)[1]) == peer.ints("first_flags")[1])
        // Consecutive timestamps are one packet period apart (± the µs rounding), across the top of the hour.
        let hour = Int64(VelodyneDataPacket.microsecondsPerHour)
        for (a, b) in zip(packets, packets.dropFirst()) {
            let delta = (Int64(b.timestampMicrosecondsPastHour) - Int64(a.timestampMicrosecondsPastHour) + hour) % hour
            #expect(abs(delta * 1000 - c.model.packetPeriodNanoseconds) < 1000)
        }
    }

    @Test("clean VLP-16 stream: frames are velodyne-decoder's scans, every whole revolution complete")
    func cleanStreamMatchesPeerScans() throws {
        let c = Self.cases[0]
        let count = Int(c.model.packetsPerRevolution * 4.5)
        let payloads = (0..<count).map { c.model.packet(index: Int64($0), startMicrosecondsPastHour: c.start) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("velodyne-\(UUID().uuidString).bin")
        try Data(payloads.joined()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let peer = try LiDARTestSupport.runPeer("velodyne_reference.py", ["stream", file.path])
        let scans = try #require(peer["scans"] as? [[String: Any]])

        var tracker = LiDARLossTracker(sequencing: .velodyne(packetPeriodNanoseconds: nil))
        for (index, bytes) in payloads.enumerated() {
            let packet = try VelodyneDataPacket(bytes: bytes)
            _ = tracker.handle(.velodyne(packet, bytes: bytes.count, at: .init(nanoseconds: Int64(index) * 1_327_104)))
        }
        _ = tracker.handle(.finish)
        let frames = tracker.frames
        #expect(frames.map(\.receivedColumns) == scans.compactMap { $0.int("packets") })
        #expect(frames.count == 5)
        // The stream starts at 0°, so only the last (cut-off) revolution is incomplete.
        #expect(frames.dropLast().allSatisfy { $0.isComplete && $0.expectedColumns == $0.receivedColumns })
        #expect(frames.last.map { !$0.isComplete } == true)
        #expect(frames.dropLast().allSatisfy { $0.firstMeasurementID < Int(c.model.azimuthStepHundredths) + 1 })
        #expect(tracker.counters.completeFrames == 4 && tracker.counters.incompleteFrames == 1)
        #expect(tracker.counters.lost == 0)
        // The last frame's expected count reaches the next wrap: the ground truth's revolution size.
        let lastRevolution = Self.revolution(c.model, count - 1)
        let truthSize = (0..<count + 200).filter { Self.revolution(c.model, $0) == lastRevolution }.count
        #expect(frames.last?.expectedColumns == truthSize)
    }

    @Test("drops make exactly the frames that lost packets incomplete, with the exact missing count", arguments: cases)
    func dropsAreCountedPerFrame(_ c: Case) throws {
        let perRevolution = c.model.packetsPerRevolution
        let count = Int(perRevolution * 6.5)
        let packets = try Self.packets(c, count: count)
        let firstOf = { (revolution: Int) in (0..<count).first { Self.revolution(c.model, $0) == revolution } ?? 0 }
        // A whole frame's first packet, its last, a run of three in the middle, two in one frame, and one late in
        // the stream; plus a duplicate and a swap that must not change any frame's count.
        let drops: Set<Int> = [
            firstOf(2), firstOf(3) - 1, firstOf(4) + 10, firstOf(4) + 11, firstOf(4) + 12, firstOf(5) + 3,
            firstOf(5) + Int(perRevolution / 2),
        ]
        let duplicates: Set<Int> = [firstOf(1) + 5]
        let swaps: Set<Int> = [firstOf(3) + 7]
        var tracker = LiDARLossTracker(sequencing: .velodyne(packetPeriodNanoseconds: nil))
        var time: Int64 = 0
        var frameOfPacket: [Int: UInt32] = [:]
        func feed(_ index: Int) {
            time += 1
            _ = tracker.handle(.velodyne(packets[index], bytes: 1206, at: .init(nanoseconds: time)))
            if let frame = tracker.lastPacketFrame { frameOfPacket[index] = frame }
        }
        var index = 0
        while index < count {
            if swaps.contains(index) {
                feed(index + 1)
                feed(index)
                index += 2
                continue
            }
            if !drops.contains(index) { feed(index) }
            if duplicates.contains(index) { feed(index) }
            index += 1
        }
        _ = tracker.handle(.finish)

        #expect(tracker.counters.lost == Int64(drops.count))
        #expect(tracker.counters.duplicates == 1 && tracker.counters.outOfOrder == 1)
        // Every received packet was counted towards its true revolution.
        #expect(frameOfPacket.allSatisfy { Int($0.value) == Self.revolution(c.model, $0.key) })
        let frames = tracker.frames
        let lastRevolution = Self.revolution(c.model, count - 1)
        #expect(frames.map { Int($0.frameID) } == Array(0...lastRevolution))
        for frame in frames where Int(frame.frameID) < lastRevolution {
            let members = (0..<count).filter { Self.revolution(c.model, $0) == Int(frame.frameID) }
            let missing = members.filter(drops.contains).count
            #expect(frame.expectedColumns == members.count, "frame \(frame.frameID)")
            #expect(frame.receivedColumns == members.count - missing, "frame \(frame.frameID)")
            #expect(frame.isComplete == (missing == 0), "frame \(frame.frameID)")
        }
        // Revolutions 2, 4 and 5 lost packets; the last one is cut off by the end of the stream.
        #expect(tracker.counters.incompleteFrames == 4)
        #expect(tracker.counters.completeFrames == Int64(lastRevolution + 1 - 4))
    }

    @Test("an azimuth jump with a continuous clock marks the frame incomplete by the jumped packets")
    func azimuthJump() throws {
        let model = VelodyneStreamModel(product: .vlp16)
        var tracker = LiDARLossTracker(sequencing: .velodyne(packetPeriodNanoseconds: nil))
        // Timestamps advance one period per packet; from packet 100 on the head reads 3 packets further.
        for index in 0..<Int(model.packetsPerRevolution * 3.2) {
            var bytes = model.packet(index: Int64(index), startMicrosecondsPastHour: 0)
            let azimuth = model.azimuth(index: Int64(index >= 100 ? index + 3 : index))
            for block in 0..<12 {
                let shifted = (Int(azimuth) + block * Int(model.azimuthStepHundredths / 12)) % 36000
                bytes[block * 100 + 2] = UInt8(truncatingIfNeeded: shifted)
                bytes[block * 100 + 3] = UInt8(truncatingIfNeeded: shifted >> 8)
            }
            let packet = try VelodyneDataPacket(bytes: bytes)
            _ = tracker.handle(.velodyne(packet, bytes: 1206, at: .init(nanoseconds: Int64(index))))
        }
        _ = tracker.handle(.finish)
        #expect(tracker.counters.lost == 0)
        let jumped = try #require(tracker.frames.first { $0.frameID == 1 })
        #expect(jumped.expectedColumns - jumped.receivedColumns == 3)
        #expect(tracker.frames.first { $0.frameID == 0 }?.isComplete == true)
        #expect(tracker.frames.first { $0.frameID == 2 }?.isComplete == true)
    }

    @Test("a reboot after a silence (clock restarted): frames go on closing, nothing counted lost or out of order")
    func rebootAfterSilence() throws {
        let model = VelodyneStreamModel(product: .vlp16)
        var tracker = LiDARLossTracker(sequencing: .velodyne(packetPeriodNanoseconds: nil))
        let count = Int(model.packetsPerRevolution * 3.5)
        var host: Int64 = 0
        // Before: the clock reads 20 min past the hour; after the reboot it restarts near 0.
        for start in [UInt32(1_200_000_000), 3_000_000] {
            for index in 0..<count {
                host += 1_327_104
                let packet = try VelodyneDataPacket(
                    bytes: model.packet(index: Int64(index), startMicrosecondsPastHour: start))
                _ = tracker.handle(.velodyne(packet, bytes: 1206, at: .init(nanoseconds: host)))
            }
            host += 2_000_000_000
            _ = tracker.handle(.tick(.init(nanoseconds: host)))
        }
        _ = tracker.handle(.finish)
        #expect(tracker.counters.silences == 2)
        #expect(tracker.counters.lost == 0 && tracker.counters.outOfOrder == 0 && tracker.counters.duplicates == 0)
        // Each run: three whole revolutions from 0° and one cut off by the silence or the end.
        #expect(tracker.frames.map(\.isComplete) == [true, true, true, false, true, true, true, false])
        #expect(tracker.frames.map(\.frameID) == Array(0..<8))
        #expect(tracker.frames.filter(\.isComplete).allSatisfy { $0.expectedColumns == 75 || $0.expectedColumns == 76 })
    }
}
