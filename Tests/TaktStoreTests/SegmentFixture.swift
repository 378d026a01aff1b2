import Foundation
import TaktCore
import Testing

@testable import TaktStore

/// Writes a realistic segment: the Ouster sample's datagrams to a pcap with its metadata JSON beside it, a u-blox
/// stream of RAWX frames interleaved with NMEA, and Pillow JPEGs. Keeps what went in so tests compare with peers.
struct SegmentFixture {
    static let week = 2300
    static let startTOW: Int64 = 300_000
    static var start: GPSTime { GPSTime(week: week, timeOfWeekNanoseconds: startTOW * 1_000_000_000) }

    let session: SessionWriter
    let segment: SegmentWriter
    var datagrams: [PcapUDPDatagram] = []
    var rawxCount = 0
    var ubxBytes: [UInt8] = []
    var jpegs: [String: [UInt8]] = [:]
    var mcap = MCAPWriter()
    var fixChannel: UInt16 = 0
    var timelineMessages = 0

    static let pcapPath = "lidar/lidar-os0.pcap"
    static let ubxPath = "gnss/gnss-f9p.ubx"

    init(outputDirectory: String) throws {
        let metadata = try TestSupport.sharedFile(TestSupport.ousterMetadataPath)
        session = try SessionWriter.create(
            outputDirectory: outputDirectory,
            configuration: .init(
                vehicleId: "GE-MMS1", start: Self.start, leapSeconds: 18,
                rigFileBytes: Array("{ rigFormat: 1, vehicleId: \"GE-MMS1\" }\n".utf8),
                sensorMetadata: ["lidar-os0.json": metadata]))
        segment = try session.openNext(start: Self.start)
        try segment.copyFile(from: session.path + "/rig/lidar-os0.json", to: "lidar/lidar-os0.json")
        mcap.start(profile: "", library: "takt-store-tests")
        let schema = mcap.registerSchema(
            name: "takt.TestFix", encoding: "jsonschema",
            data: Array(#"{"type":"object","properties":{"tow":{"type":"number"}}}"#.utf8))
        fixChannel = mcap.registerChannel(topic: "/gnss/fix", messageEncoding: "json", schemaID: schema, metadata: [:])
        try segment.appendTimeline(from: &mcap)
    }

    /// Finishes the MCAP (summary, footer) and drains it; call before closing the segment.
    mutating func finishTimeline() throws {
        mcap.finish()
        try segment.appendTimeline(from: &mcap)
    }

    var segmentPath: String { segment.path }

    /// Appends `count` datagrams from the Ouster sample (cycling), stamped from the start.
    mutating func addLidar(_ all: [PcapUDPDatagram], count: Int) throws {
        for _ in 0..<count {
            let d = all[datagrams.count % all.count]
            try segment.appendPcap(d, to: Self.pcapPath, time: Self.start + .milliseconds(datagrams.count))
            datagrams.append(d)
        }
    }

    /// Appends `count` epochs: a RAWX frame and a GGA sentence each.
    mutating func addGNSS(epochs count: Int) throws {
        for _ in 0..<count {
            let tow = Double(Self.startTOW) + Double(rawxCount)
            let frame = TestSupport.rawx(tow: tow)
            try segment.append(frame, to: Self.ubxPath, time: Self.start + .seconds(rawxCount))
            let nmea = TestSupport.gga(rawxCount)
            try segment.append(nmea, to: Self.ubxPath, time: Self.start + .seconds(rawxCount))
            ubxBytes += frame + nmea
            Self.addFix(to: &mcap, channel: fixChannel, epoch: rawxCount)
            try segment.appendTimeline(from: &mcap)
            timelineMessages += 1
            rawxCount += 1
        }
    }

    /// One timeline message per epoch in its own chunk (the daemon closes chunks every second).
    static func addFix(to writer: inout MCAPWriter, channel: UInt16, epoch: Int) {
        let t = UInt64((start + .seconds(epoch)).unixUTCNanoseconds(leapSeconds: 18))
        let json = #"{"tow":\#(Double(startTOW) + Double(epoch))}"#
        writer.addMessage(
            channelID: channel, sequence: UInt32(epoch), logTime: t, publishTime: t, data: Array(json.utf8))
        writer.closeChunk()
    }

    mutating func addImages(_ images: [[UInt8]], camera: String = "cam0") throws {
        for img in images {
            let name = "img/\(camera)/\(String(format: "%06d", jpegs.count)).jpg"
            try segment.writeWholeFile(img, to: name, time: Self.start + .milliseconds(100 * jpegs.count))
            jpegs[name] = img
        }
    }
}
