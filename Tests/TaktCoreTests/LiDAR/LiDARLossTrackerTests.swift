import Foundation
import TaktCore
import Testing

/// The loss tracker driven by plain arrays of events: exact counts under known faults, silence, restarts, wraps.
@Suite("LiDAR loss tracker")
struct LiDARLossTrackerTests {
    static func lbCapture() throws -> (OusterMetadata, [OusterLidarPacket]) {
        let directory = LiDARTestSupport.ousterDirectory
        let metadata = try OusterMetadata(
            json: try LiDARTestSupport.bytes(directory.appendingPathComponent("OS-1-128_v2.3.0_1024x10.json")))
        let datagrams = try PcapCaptureReader.udpDatagrams(
            in: try LiDARTestSupport.bytes(directory.appendingPathComponent("OS-1-128_v2.3.0_1024x10_lb_n3.pcap")))
        let packets = try datagrams.filter { $0.payload.count == metadata.format.lidarPacketSize }
            .map { try OusterLidarPacket(bytes: $0.payload, format: metadata.format) }
        return (metadata, packets)
    }

    static func ms(_ value: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: value * 1_000_000) }

    @Test("known drops, duplicates and swaps are counted exactly", arguments: [UInt64(7), 11, 42])
    func exactCounts(seed: UInt64) throws {
        let (metadata, packets) = try Self.lbCapture()
        #expect(packets.count == 192)
        var rng = SeededGenerator(seed: seed)
        // Disjoint fault sites, away from the ends (a tracker cannot see a loss before the first or after the last).
        var sites = Array(2..<(packets.count - 3)).shuffled(using: &rng).filter { $0 % 4 == 0 }
        let drops = Set(sites.prefix(9))
        sites.removeFirst(9)
        let duplicates = Set(sites.prefix(7))
        sites.removeFirst(7)
        let swaps = Set(sites.prefix(5))
        var stream: [OusterLidarPacket] = []
        var index = 0
        while index < packets.count {
            if swaps.contains(index) {
                stream += [packets[index + 1], packets[index]]
                index += 2
                continue
            }
            if !drops.contains(index) { stream.append(packets[index]) }
            if duplicates.contains(index) { stream.append(packets[index]) }
            index += 1
        }
        var tracker = LiDARLossTracker(sequencing: .ouster(metadata.format))
        for (time, packet) in stream.enumerated() {
            _ = tracker.handle(.ouster(packet, bytes: 8448, at: Self.ms(Int64(time))))
        }
        #expect(tracker.counters.pendingLost == Int64(drops.count))
        _ = tracker.handle(.finish)
        #expect(tracker.counters.lost == Int64(drops.count))
        #expect(tracker.counters.duplicates == Int64(duplicates.count))
        #expect(tracker.counters.outOfOrder == Int64(swaps.count))
        #expect(tracker.counters.pendingLost == 0)
        let missingColumns = tracker.frames.reduce(0) { $0 + $1.expectedColumns - $1.receivedColumns }
        #expect(missingColumns == drops.count * metadata.format.columnsPerPacket)
        #expect(tracker.frames.count == 3)
        #expect(tracker.counters.incompleteFrames == 3)
    }

    @Test("clean capture: every frame complete, no loss")
    func cleanFrames() throws {
        let (metadata, packets) = try Self.lbCapture()
        var tracker = LiDARLossTracker(sequencing: .ouster(metadata.format))
        var closed: [LiDARFrameRecord] = []
        for (time, packet) in packets.enumerated() {
            for case .frameClosed(let record) in tracker.handle(.ouster(packet, bytes: 8448, at: Self.ms(Int64(time)))) {
                closed.append(record)
            }
        }
        for case .frameClosed(let record) in tracker.handle(.finish) { closed.append(record) }
        #expect(closed == tracker.frames)
        #expect(closed.map(\.isComplete) == [true, true, true])
        #expect(closed.allSatisfy { $0.firstMeasurementID == 0 && $0.lastMeasurementID == 1023 })
        #expect(tracker.counters.lost == 0 && tracker.counters.completeFrames == 3)
    }

    @Test("silence is reported on the first tick past the threshold, within 1 s, and the gap is recorded")
    func silence() throws {
        let (metadata, packets) = try Self.lbCapture()
        var tracker = LiDARLossTracker(sequencing: .ouster(metadata.format), silenceThreshold: .milliseconds(500))
        for (index, packet) in packets.prefix(10).enumerated() {
            _ = tracker.handle(.ouster(packet, bytes: 8448, at: Self.ms(Int64(index))))
        }
        let lastPacket = Self.ms(9)
        var silentAt: MonotonicInstant?
        for tick in stride(from: Int64(100), through: 3000, by: 100) {
            let actions = tracker.handle(.tick(Self.ms(tick)))
            if silentAt == nil, actions.contains(.wentSilent(lastPacketAt: lastPacket)) { silentAt = Self.ms(tick) }
        }
        let detected = try #require(silentAt)
        #expect(detected - lastPacket < .seconds(1))
        #expect(detected - lastPacket >= .milliseconds(500))
        #expect(tracker.state == .silent(since: lastPacket))
        #expect(tracker.counters.silences == 1)
        let actions = tracker.handle(.ouster(packets[10], bytes: 8448, at: Self.ms(3050)))
        let silence = LiDARSilence(lastPacketAt: lastPacket, resumedAt: Self.ms(3050))
        #expect(actions.contains(.resumed(silence)))
        #expect(tracker.silences == [silence])
        #expect(tracker.state == .receiving)
        #expect(tracker.counters.lost == 0)
    }

    @Test("a new init id is a restart: numbering restarts without phantom losses")
    func restart() throws {
        let (metadata, packets) = try Self.lbCapture()
        var tracker = LiDARLossTracker(sequencing: .ouster(metadata.format))
        for (index, packet) in packets.prefix(20).enumerated() {
            _ = tracker.handle(.ouster(packet, bytes: 8448, at: Self.ms(Int64(index))))
        }
        var rebooted = packets[100]
        rebooted.initID = 1234
        let actions = tracker.handle(.ouster(rebooted, bytes: 8448, at: Self.ms(500)))
        #expect(actions.contains(.restarted(oldInitID: 7_109_750, newInitID: 1234)))
        #expect(tracker.counters.restarts == 1)
        #expect(tracker.counters.lost == 0)
        #expect(tracker.counters.incompleteFrames == 1)
    }

    @Test("frame id wrap 65535 → 0 is not a gap")
    func frameWrap() throws {
        let (metadata, packets) = try Self.lbCapture()
        var tracker = LiDARLossTracker(sequencing: .ouster(metadata.format))
        for (index, var packet) in packets.enumerated() {
            packet.frameID = (packet.frameID - packets[0].frameID + 65534) & 0xFFFF
            _ = tracker.handle(.ouster(packet, bytes: 8448, at: Self.ms(Int64(index))))
        }
        _ = tracker.handle(.finish)
        #expect(tracker.frames.map(\.frameID) == [65534, 65535, 0])
        #expect(tracker.counters.lost == 0 && tracker.counters.outOfOrder == 0)
    }

    @Test("Velodyne: timestamp continuity across the top of the hour, exact drops, duplicates and swaps")
    func velodyne() throws {
        let captured = try VelodyneDecoderTests.capturedPayload()
        let template = Array(captured[0..<1200]) + [0, 0, 0, 0, 0x37, 0x22]
        var packets: [VelodyneDataPacket] = []
        for index in 0..<3000 {
            // VLP-16 single return: 1327.104 µs per packet, starting 2 s before the hour.
            let micros = (3_598_000_000 + Int64(index) * 1_327_104 / 1000) % 3_600_000_000
            var bytes = template
            for byte in 0..<4 { bytes[1200 + byte] = UInt8(truncatingIfNeeded: micros >> (8 * byte)) }
            packets.append(try VelodyneDataPacket(bytes: bytes))
        }
        let drops: Set<Int> = [10, 500, 1506, 1507, 2999 - 5]
        let duplicates: Set<Int> = [30, 1600]
        let swaps: Set<Int> = [100, 1510]
        var tracker = LiDARLossTracker(sequencing: .velodyne(packetPeriodNanoseconds: nil))
        var index = 0
        var time: Int64 = 0
        func feed(_ packet: VelodyneDataPacket) {
            time += 1
            _ = tracker.handle(.velodyne(packet, bytes: 1206, at: Self.ms(time)))
        }
        while index < packets.count {
            if swaps.contains(index) {
                feed(packets[index + 1])
                feed(packets[index])
                index += 2
                continue
            }
            if !drops.contains(index) { feed(packets[index]) }
            if duplicates.contains(index) { feed(packets[index]) }
            index += 1
        }
        _ = tracker.handle(.finish)
        #expect(tracker.counters.lost == Int64(drops.count))
        #expect(tracker.counters.duplicates == Int64(duplicates.count))
        #expect(tracker.counters.outOfOrder == Int64(swaps.count))
    }

    @Test("rates: packets and bytes of the last whole second")
    func rates() {
        var meter = LiDARRateMeter()
        for index in 0..<640 { meter.record(bytes: 8448, at: MonotonicInstant(nanoseconds: Int64(index) * 1_562_500)) }
        meter.advance(to: MonotonicInstant(nanoseconds: 1_000_000_001))
        #expect(meter.packetsPerSecond == 640)
        #expect(meter.bytesPerSecond == 640 * 8448)
        meter.advance(to: MonotonicInstant(nanoseconds: 3_000_000_000))
        #expect(meter.packetsPerSecond == 0)
    }
}
