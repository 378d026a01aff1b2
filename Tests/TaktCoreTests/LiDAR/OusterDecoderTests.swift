import Foundation
import TaktCore
import Testing

/// Every shared Ouster capture, decoded by Takt and by ouster-sdk (the independent peer), must agree field by field.
@Suite("Ouster decoders against ouster-sdk")
struct OusterDecoderTests {
    /// Capture → metadata, matched by longest shared name prefix as ouster-sdk's resolve_metadata does.
    static let captures: [(pcap: String, metadata: String)] = [
        ("OS-0-128-U1_v2.3.0_1024x10", "OS-0-128-U1_v2.3.0_1024x10"),
        ("OS-0-32-U1_v2.2.0_1024x10", "OS-0-32-U1_v2.2.0_1024x10"),
        ("OS-0-32-U1_v2.2.0_1024x10-single-packet", "OS-0-32-U1_v2.2.0_1024x10"),
        ("OS-1-128_767798045_1024x10_20230712_120049", "OS-1-128_767798045_1024x10_20230712_120049"),
        ("OS-1-128_v2.3.0_1024x10_lb_n3", "OS-1-128_v2.3.0_1024x10"),
        ("OS-1-64_1024x10_fw20", "OS-1-64_sensor_config_reduced"),
        ("OS-2-32-U0_v2.0.0_1024x10", "OS-2-32-U0_v2.0.0_1024x10"),
        ("duplicate_id", "duplicate_id"),
        ("empty_pcap", "empty_pcap"),
    ]

    @Test("packets match ouster-sdk", arguments: captures.map(\.pcap))
    func matchesPeer(_ name: String) throws {
        let metadataName = try #require(Self.captures.first { $0.pcap == name }?.metadata)
        let pcapURL = LiDARTestSupport.ousterDirectory.appendingPathComponent("\(name).pcap")
        let jsonURL = LiDARTestSupport.ousterDirectory.appendingPathComponent("\(metadataName).json")
        let metadata = try OusterMetadata(json: try LiDARTestSupport.bytes(jsonURL))
        let datagrams = try PcapCaptureReader.udpDatagrams(in: try LiDARTestSupport.bytes(pcapURL))
        let peer = try LiDARTestSupport.runPeer("ouster_reference.py", [pcapURL.path, jsonURL.path])

        let format = try #require(peer["format"] as? [String: Any])
        #expect(metadata.format.profile.rawValue == format["profile"] as? String)
        #expect(metadata.format.columnsPerPacket == format.int("columns_per_packet"))
        #expect(metadata.format.pixelsPerColumn == format.int("pixels_per_column"))
        #expect(metadata.format.lidarPacketSize == format.int("lidar_packet_size"))
        #expect(metadata.format.columnsPerFrame == format.int("columns_per_frame"))
        #expect(metadata.serialNumber ?? "0" == format["serial"] as? String)
        #expect(metadata.productLine ?? "" == format["prod_line"] as? String)
        if let port = metadata.udpPortLidar { #expect(port == format.int("udp_port_lidar")) }

        var lidar: [OusterLidarPacket] = []
        var imu: [OusterIMUPacket] = []
        for datagram in datagrams {
            if datagram.payload.count == OusterPacketFormat.imuPacketSize {
                imu.append(try OusterIMUPacket(bytes: datagram.payload))
            } else {
                lidar.append(try OusterLidarPacket(bytes: datagram.payload, format: metadata.format))
            }
        }
        let peerLidar = try #require(peer["lidar"] as? [[String: Any]])
        let peerIMU = try #require(peer["imu"] as? [[String: Any]])
        #expect(lidar.count == peerLidar.count)
        #expect(imu.count == peerIMU.count)
        for (ours, theirs) in zip(lidar, peerLidar) {
            #expect(Int(ours.frameID) == theirs.int("frame_id"))
            #expect(ours.columns.map(\.timestampNanoseconds) == theirs.uint64s("timestamps"))
            #expect(ours.columns.map { Int($0.measurementID) } == theirs.ints("measurement_ids"))
            #expect(ours.columns.map { Int($0.status) } == theirs.ints("status"))
            if metadata.format.profile != .legacy {
                #expect(ours.packetType.map(Int.init) == theirs.int("packet_type"))
                #expect(ours.initID.map(Int.init) == theirs.int("init_id"))
                #expect(ours.serialNumber == theirs.uint64("prod_sn"))
                #expect(ours.alertFlags.map(Int.init) == theirs.int("alert_flags"))
                #expect(ours.shotLimiting.map(Int.init) == theirs.int("shot_limiting"))
                #expect(ours.thermalShutdown.map(Int.init) == theirs.int("thermal_shutdown"))
                #expect(ours.countdownShotLimiting.map(Int.init) == theirs.int("countdown_shot_limiting"))
                #expect(ours.countdownThermalShutdown.map(Int.init) == theirs.int("countdown_thermal_shutdown"))
            }
        }
        for (ours, theirs) in zip(imu, peerIMU) {
            #expect(ours.systemTimestampNanoseconds == theirs.uint64("sys_ts"))
            #expect(ours.accelerometerTimestampNanoseconds == theirs.uint64("accel_ts"))
            #expect(ours.gyroscopeTimestampNanoseconds == theirs.uint64("gyro_ts"))
            let accel = theirs.doubles("accel")
            let gyro = theirs.doubles("gyro")
            #expect(accel.count == 3 && gyro.count == 3)
            for axis in 0..<min(3, accel.count, gyro.count) {
                #expect(Double(ours.acceleration[axis]) == accel[axis])
                #expect(Double(ours.angularVelocity[axis]) == gyro[axis])
            }
        }

        // Columns per frame, counted by Takt's loss tracker and from the peer's packets independently.
        var peerColumnsPerFrame: [Int: Int] = [:]
        for packet in peerLidar { peerColumnsPerFrame[packet.int("frame_id") ?? -1, default: 0] += packet.ints("measurement_ids").count }
        var tracker = LiDARLossTracker(sequencing: .ouster(metadata.format))
        for (index, packet) in lidar.enumerated() {
            _ = tracker.handle(.ouster(packet, bytes: metadata.format.lidarPacketSize, at: .init(nanoseconds: Int64(index))))
        }
        _ = tracker.handle(.finish)
        var trackerColumnsPerFrame: [Int: Int] = [:]
        for frame in tracker.frames { trackerColumnsPerFrame[Int(frame.frameID)] = frame.receivedColumns }
        #expect(trackerColumnsPerFrame == peerColumnsPerFrame)
        #expect(tracker.counters.lost == 0 && tracker.counters.duplicates == 0 && tracker.counters.outOfOrder == 0)
    }

    @Test("metadata JSON with trailing garbage is a typed error")
    func trailingGarbageMetadata() throws {
        let url = LiDARTestSupport.ousterDirectory.appendingPathComponent("OS-0-128_v3.0.1_1024x10_20240321_125947.json")
        #expect(throws: OusterMetadataError.self) { try OusterMetadata(json: try LiDARTestSupport.bytes(url)) }
    }

    @Test("nested v3 metadata decodes", arguments: ["OS-0-128_v3.0.1_1024x10", "OS-0-128_v3.0.1_1024x10.2"])
    func nestedMetadata(_ name: String) throws {
        let url = LiDARTestSupport.ousterDirectory.appendingPathComponent("\(name).json")
        let metadata = try OusterMetadata(json: try LiDARTestSupport.bytes(url))
        #expect(metadata.format.profile == .rng19Rfl8Sig16Nir16Dual)
        #expect(metadata.format.pixelsPerColumn == 128)
        #expect(metadata.format.lidarPacketSize == 32 + 16 * (12 + 128 * 16) + 32)
        #expect(metadata.udpPortLidar == 7502 && metadata.udpPortIMU == 7503)
        #expect(metadata.productLine == "OS-0-128")
        #expect(metadata.initializationID == 9_266_157)
        #expect(metadata.frameRateHz == 10)
    }
}
