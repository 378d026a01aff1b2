import Foundation
import TaktCore
import Testing

/// RNG19_RFL8_SIG16_NIR16 (single return) has no shared capture, so one is built from the real dual-return
/// OS-0-32 capture (same packet and column headers, each 16 B dual pixel cut to its first 12 B), written as a pcap
/// with Takt's own `PcapRecord`, and decoded by both Takt and ouster-sdk with metadata naming the single profile.
@Suite("Ouster single-return profile against ouster-sdk")
struct OusterSingleReturnTests {
    @Test("synthesised RNG19_RFL8_SIG16_NIR16 capture matches ouster-sdk")
    func singleReturn() throws {
        let directory = LiDARTestSupport.ousterDirectory
        let jsonBytes = try LiDARTestSupport.bytes(directory.appendingPathComponent("OS-0-32-U1_v2.2.0_1024x10.json"))
        let dual = try OusterMetadata(json: jsonBytes)
        #expect(dual.format.profile == .rng19Rfl8Sig16Nir16Dual)
        var single = dual.format
        single.profile = .rng19Rfl8Sig16Nir16

        let datagrams = try PcapCaptureReader.udpDatagrams(
            in: try LiDARTestSupport.bytes(directory.appendingPathComponent("OS-0-32-U1_v2.2.0_1024x10.pcap")))
        var file = PcapFileHeader.takt.encoded()
        var converted: [[UInt8]] = []
        for datagram in datagrams where datagram.destinationPort == 7502 {
            let bytes = datagram.payload
            var out = Array(bytes[0..<32])
            for column in 0..<dual.format.columnsPerPacket {
                let base = 32 + column * dual.format.columnSize
                out += bytes[base..<(base + 12)]
                for pixel in 0..<dual.format.pixelsPerColumn {
                    let start = base + 12 + pixel * 16
                    out += bytes[start..<(start + 12)]
                }
            }
            out += bytes[(bytes.count - 32)...]
            #expect(out.count == single.lidarPacketSize)
            converted.append(out)
            let endpoint = PcapUDPEndpoint(address: PcapIPv4Address(127, 0, 0, 1), port: 7502)
            file += try PcapRecord.encode(
                PcapUDPDatagram(
                    source: endpoint, destination: endpoint, payload: out,
                    receiveUnixNanoseconds: datagram.timestampNanoseconds))
        }
        #expect(converted.count == 64)

        var json = try #require(try JSONSerialization.jsonObject(with: Data(jsonBytes)) as? [String: Any])
        var dataFormat = try #require(json["data_format"] as? [String: Any])
        dataFormat["udp_profile_lidar"] = "RNG19_RFL8_SIG16_NIR16"
        json["data_format"] = dataFormat
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("takt-ouster-single-\(getpid())")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let pcapURL = temporary.appendingPathComponent("single.pcap")
        let jsonURL = temporary.appendingPathComponent("single.json")
        try Data(file).write(to: pcapURL)
        let jsonData = try JSONSerialization.data(withJSONObject: json)
        try jsonData.write(to: jsonURL)

        let metadata = try OusterMetadata(json: [UInt8](jsonData))
        #expect(metadata.format == single)
        let peer = try LiDARTestSupport.runPeer("ouster_reference.py", [pcapURL.path, jsonURL.path])
        let format = try #require(peer["format"] as? [String: Any])
        #expect(format["profile"] as? String == "RNG19_RFL8_SIG16_NIR16")
        #expect(format.int("lidar_packet_size") == single.lidarPacketSize)
        let peerLidar = try #require(peer["lidar"] as? [[String: Any]])
        #expect(peerLidar.count == converted.count)
        for (bytes, theirs) in zip(converted, peerLidar) {
            let ours = try OusterLidarPacket(bytes: bytes, format: metadata.format)
            #expect(Int(ours.frameID) == theirs.int("frame_id"))
            #expect(ours.initID.map(Int.init) == theirs.int("init_id"))
            #expect(ours.serialNumber == theirs.uint64("prod_sn"))
            #expect(ours.columns.map(\.timestampNanoseconds) == theirs.uint64s("timestamps"))
            #expect(ours.columns.map { Int($0.measurementID) } == theirs.ints("measurement_ids"))
            #expect(ours.columns.map { Int($0.status) } == theirs.ints("status"))
        }
    }
}
