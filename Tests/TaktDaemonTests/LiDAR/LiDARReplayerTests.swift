import Foundation
import Glibc
import TaktCore
import TaktDaemon
import TaktSimulation
import Testing

/// The replayer's schedule (pure) and its retiming of sensor time fields.
@Suite("LiDAR replayer")
struct LiDARReplayerTests {
    static func packets(_ count: Int) -> [LiDARPacketReplayer.Packet] {
        (0..<count).map {
            .init(offset: .milliseconds($0), originalPort: 7502, payload: [UInt8(truncatingIfNeeded: $0)])
        }
    }

    @Test("fault plan turns into the exact send order")
    func schedule() throws {
        let replayer = LiDARPacketReplayer(packets: Self.packets(10))
        let plan = LiDARFaultPlan(
            drops: [1], duplicates: [3], reorders: [5], garbageAfter: [7], silences: [8: .seconds(1)], seed: 3)
        let steps = try replayer.schedule(faults: plan)
        let shape: [String] = steps.map {
            switch $0 {
            case .packet(let index): "p\(index)"
            case .garbage(let port, let payload): "g\(port):\(payload.count > 59 && payload.count < 500)"
            case .pause(let duration): "z\(duration)"
            }
        }
        #expect(shape == ["p0", "p2", "p3", "p3", "p4", "p6", "p5", "p7", "g7502:true", "z1.0 seconds", "p8", "p9"])
    }

    @Test("inconsistent fault plans are rejected with the reason")
    func invalidPlan() {
        let replayer = LiDARPacketReplayer(packets: Self.packets(10))
        #expect(throws: LiDARReplayError.invalidFaultPlan(["a packet is both dropped and duplicated"])) {
            try replayer.schedule(faults: LiDARFaultPlan(drops: [2], duplicates: [2]))
        }
        #expect(throws: LiDARReplayError.invalidFaultPlan(["fault site 12 outside 0..<10"])) {
            try replayer.schedule(faults: LiDARFaultPlan(drops: [12]))
        }
    }

    @Test("Ouster retiming shifts every column and IMU stamp by one constant, nothing else")
    func ousterRetiming() throws {
        let metadata = try OusterMetadata(
            json: try LiDARLoopbackTests.shared("data/lidar/ouster/OS-1-128_v2.3.0_1024x10.json"))
        let datagrams = try PcapCaptureReader.udpDatagrams(
            in: try LiDARLoopbackTests.shared("data/lidar/ouster/OS-1-128_v2.3.0_1024x10_lb_n3.pcap"))
        let start: UInt64 = 1_400_000_000_000_000_000  // a GPS-epoch ns instant in 2024
        var retimer = LiDARPacketRetimer(
            sensor: .ouster(format: metadata.format, lidarPort: 7502, imuPort: 7503, startNanoseconds: start))
        let firstOriginal = try #require(
            try datagrams.first { $0.destinationPort == 7502 }.map {
                try OusterLidarPacket(bytes: $0.payload, format: metadata.format)
            }?.columns.first?.timestampNanoseconds)
        var changedBytesOnly = true
        for datagram in datagrams {
            let retimed = retimer.retime(datagram.payload, port: datagram.destinationPort)
            #expect(retimed.count == datagram.payload.count)
            if datagram.destinationPort == 7502 {
                let before = try OusterLidarPacket(bytes: datagram.payload, format: metadata.format)
                let after = try OusterLidarPacket(bytes: retimed, format: metadata.format)
                #expect(after.columns.map(\.measurementID) == before.columns.map(\.measurementID))
                #expect(after.frameID == before.frameID)
                let shifted = before.columns.map { $0.timestampNanoseconds &- firstOriginal &+ start }
                #expect(after.columns.map(\.timestampNanoseconds) == shifted)
                let timestampOffsets = Set(
                    (0..<16).flatMap { column in
                        (0..<8).map {
                            metadata.format.profile.packetHeaderSize + column * metadata.format.columnSize + $0
                        }
                    })
                for index in retimed.indices
                where !timestampOffsets.contains(index) && retimed[index] != datagram.payload[index] {
                    changedBytesOnly = false
                }
            } else {
                let before = try OusterIMUPacket(bytes: datagram.payload)
                let after = try OusterIMUPacket(bytes: retimed)
                #expect(after.systemTimestampNanoseconds == before.systemTimestampNanoseconds &- firstOriginal &+ start)
                #expect(after.acceleration == before.acceleration)
            }
        }
        #expect(changedBytesOnly)
    }

    @Test("Velodyne retiming rebases µs-past-the-hour modulo the hour")
    func velodyneRetiming() throws {
        let capture = try PcapCaptureReader.udpDatagrams(
            in: try LiDARLoopbackTests.shared("data/lidar/velodyne/VLI-16-one-packet.pcap"))
        let payload = try #require(capture.first).payload
        let original = try VelodyneDataPacket(bytes: payload).timestampMicrosecondsPastHour
        var retimer = LiDARPacketRetimer(
            sensor: .velodyne(dataPort: 2368, positionPort: 8308, startMicrosecondsPastHour: 3_599_999_000))
        let first = try VelodyneDataPacket(bytes: retimer.retime(payload, port: 2368))
        #expect(first.timestampMicrosecondsPastHour == 3_599_999_000)
        var later = payload
        let laterMicros = original + 2_000
        for byte in 0..<4 { later[1206 + byte] = UInt8(truncatingIfNeeded: laterMicros >> (8 * byte)) }
        #expect(try VelodyneDataPacket(bytes: retimer.retime(later, port: 2368)).timestampMicrosecondsPastHour == 1_000)
        let garbage: [UInt8] = [1, 2, 3]
        #expect(retimer.retime(garbage, port: 2368) == garbage)
    }
}

@Suite("UDP receiver configuration")
struct UDPReceiverConfigurationTests {
    @Test("rig endpoint maps to the receiver; bad ports and addresses are typed errors")
    func rigEndpoint() throws {
        let configuration = try UDPReceiver.Configuration(
            endpoint: UDPEndpoint(bindAddress: "127.0.0.1", ports: [2368, 8308], receiveBufferBytes: 8 << 20))
        #expect(configuration.ports == [2368, 8308])
        #expect(configuration.receiveBufferBytes == 8 << 20)
        #expect(throws: UDPReceiverError.invalidPort(70000)) {
            try UDPReceiver.Configuration(endpoint: UDPEndpoint(ports: [70000]))
        }
        #expect(throws: UDPReceiverError.invalidAddress("lidar.local")) {
            try UDPReceiver(configuration: .init(bindAddress: "lidar.local", ports: [0]))
        }
        // A port another listener holds is a typed bind error (a silent share of the port would lose data).
        let first = try UDPReceiver(configuration: .init(bindAddress: "127.0.0.1", ports: [0]))
        let port = first.boundPorts[0]
        #expect(throws: UDPReceiverError.bindFailed(address: "127.0.0.1:\(port)", port: port, errno: EADDRINUSE)) {
            try UDPReceiver(configuration: .init(bindAddress: "127.0.0.1", ports: [port]))
        }
        let small = try UDPReceiver(
            configuration: .init(bindAddress: "127.0.0.1", ports: [0], receiveBufferBytes: 1 << 20))
        #expect(small.statistics.receiveBufferBytes.first.map { $0 >= 1 << 20 } == true)
    }
}
