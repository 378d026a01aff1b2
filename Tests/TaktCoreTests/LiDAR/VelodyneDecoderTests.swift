import Foundation
import TaktCore
import Testing

/// The shared Velodyne-format capture, and manual-layout packets built from it, checked against a struct parse of
/// the manual layout and against velodyne-decoder.
@Suite("Velodyne decoders")
struct VelodyneDecoderTests {
    static var captureURL: URL { LiDARTestSupport.velodyneDirectory.appendingPathComponent("VLI-16-one-packet.pcap") }

    static func capturedPayload() throws -> [UInt8] {
        let datagrams = try PcapCaptureReader.udpDatagrams(in: try LiDARTestSupport.bytes(captureURL))
        return try #require(datagrams.first?.payload)
    }

    @Test("captured packet matches the manual-layout struct parse")
    func capturedPacket() throws {
        let datagrams = try PcapCaptureReader.udpDatagrams(in: try LiDARTestSupport.bytes(Self.captureURL))
        let peer = try LiDARTestSupport.runPeer("velodyne_reference.py", ["pcap", Self.captureURL.path])
        let peerPackets = try #require(peer["packets"] as? [[String: Any]])
        #expect(datagrams.count == peerPackets.count)
        for (datagram, theirs) in zip(datagrams, peerPackets) {
            #expect(Int(datagram.destinationPort) == theirs.int("dst_port"))
            let packet = try VelodyneDataPacket(bytes: datagram.payload)
            #expect(datagram.payload.count == theirs.int("size"))
            #expect(packet.blocks.map { Int($0.flag) } == theirs.ints("flags"))
            #expect(packet.blocks.map { Int($0.azimuthHundredthsDegree) } == theirs.ints("azimuths"))
            #expect(Int(packet.timestampMicrosecondsPastHour) == theirs.int("timestamp"))
            #expect(Int(packet.returnMode.rawValue) == theirs.int("return_mode"))
            #expect(Int(packet.product.rawValue) == theirs.int("product"))
            // This capture is from a VLP-16-compatible sensor that inserts a 6-byte UTC stamp (1212-byte payload).
            #expect(packet.utcDateTimeBytes?.count == 6)
        }
    }

    /// The same firing data in the canonical 1206-byte layout, as velodyne-decoder reads it.
    @Test("canonical VLP-16 layout matches velodyne-decoder", arguments: [UInt8(0x37), 0x38, 0x39])
    func canonicalLayout(returnMode: UInt8) throws {
        let captured = try Self.capturedPayload()
        let canonical = Array(captured[0..<1200]) + Array(captured[1206..<1210]) + [returnMode, 0x22]
        let packet = try VelodyneDataPacket(bytes: canonical)
        let hex = canonical.map { String(format: "%02x", $0) }.joined()
        let peer = try LiDARTestSupport.runPeer("velodyne_reference.py", ["data", hex])
        #expect(Int(packet.timestampMicrosecondsPastHour) == peer.int("device_stamp_us"))
        #expect(packet.product == .vlp16 && peer["model_id"] as? String == "VLP16")
        let expectedMode = ["STRONGEST", "LAST", "BOTH"][Int(returnMode - 0x37)]
        #expect(peer["return_mode"] as? String == expectedMode)
        #expect(packet.returnMode.isDual == (expectedMode == "BOTH"))
        #expect(packet.utcDateTimeBytes == nil)
    }

    static func positionPacket(pps: UInt8, sentence: String, micros: UInt32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 512)
        for index in 0..<4 { bytes[198 + index] = UInt8(truncatingIfNeeded: micros >> (8 * index)) }
        bytes[202] = pps
        for (index, byte) in sentence.utf8.enumerated() { bytes[206 + index] = byte }
        return bytes
    }

    static func rmc(_ body: String) -> String {
        let checksum = body.utf8.reduce(UInt8(0), ^)
        return "$\(body)*\(String(format: "%02X", checksum))"
    }

    @Test("position packet matches velodyne-decoder", arguments: [UInt8(0), 1, 2, 3])
    func positionPacket(pps: UInt8) throws {
        let sentence = Self.rmc("GPRMC,120001,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W")
        let bytes = Self.positionPacket(pps: pps, sentence: sentence + "\r\n", micros: 1_234_567)
        let packet = try VelodynePositionPacket(bytes: bytes)
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let peer = try LiDARTestSupport.runPeer("velodyne_reference.py", ["telemetry", hex])
        #expect(Int(packet.timestampMicrosecondsPastHour) == peer.int("usec_since_toh"))
        #expect(peer["pps_status"] as? String == ["ABSENT", "SYNCHRONIZING", "LOCKED", "ERROR"][Int(pps)])
        #expect(packet.ppsStatus.rawValue == pps)
        #expect(packet.nmeaSentence == sentence)
        #expect((peer["nmea_sentence"] as? String)?.hasPrefix(sentence) == true)
        let rmc = try #require(packet.rmc)
        #expect(rmc.utcTime == "120001" && rmc.status == "A" && rmc.date == "230394")
    }

    @Test("position packet rejects a bad PPS status, non-NMEA text and a corrupted checksum")
    func positionPacketErrors() throws {
        #expect(throws: VelodynePacketError.invalidPPSStatus(7)) {
            try VelodynePositionPacket(bytes: Self.positionPacket(pps: 7, sentence: "", micros: 0))
        }
        #expect(throws: VelodynePacketError.invalidNMEA) {
            try VelodynePositionPacket(bytes: Self.positionPacket(pps: 2, sentence: "GPRMC\u{1}", micros: 0))
        }
        let corrupted = try VelodynePositionPacket(
            bytes: Self.positionPacket(pps: 2, sentence: "$GPRMC,120001,A,,,,,,,230394,,*00", micros: 0))
        #expect(corrupted.rmc == nil)
        #expect(throws: VelodynePacketError.sizeMismatch(expected: [512], actual: 511)) {
            try VelodynePositionPacket(bytes: [UInt8](repeating: 0, count: 511))
        }
    }

    @Test("data packet structure errors are typed")
    func dataPacketErrors() throws {
        var captured = try Self.capturedPayload()
        #expect(throws: VelodynePacketError.sizeMismatch(expected: [1206, 1212], actual: 1205)) {
            try VelodyneDataPacket(bytes: Array(captured.prefix(1205)))
        }
        captured[300] = 0x12
        #expect(throws: VelodynePacketError.badBlockFlag(block: 3, flag: 0xEE12)) {
            try VelodyneDataPacket(bytes: captured)
        }
        captured[300] = 0xFF
        captured[402] = 0xFF
        captured[403] = 0xFF
        #expect(throws: VelodynePacketError.azimuthOutOfRange(block: 4, azimuth: 0xFFFF)) {
            try VelodyneDataPacket(bytes: captured)
        }
    }
}
