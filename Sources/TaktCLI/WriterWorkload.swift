import TaktCore

/// One simulated second of a mapping vehicle's recording, generated once before timing: LiDAR datagrams for two
/// sensors (an Ouster-like ~25 kB packet stream and a Velodyne-like 1206 B one), u-blox frames (NAV-PVT, RXM-RAWX,
/// ESF-MEAS) and timeline JSON messages, interleaved in arrival order.
struct WriterWorkload {
    enum Record {
        case pcap(file: String, datagram: PcapUDPDatagram, offsetNanoseconds: Int64)
        case ubx(file: String, frame: [UInt8], offsetNanoseconds: Int64)
        case timeline(channel: Int, json: [UInt8], offsetNanoseconds: Int64)

        var offset: Int64 {
            switch self {
            case .pcap(_, _, let o), .ubx(_, _, let o), .timeline(_, _, let o): o
            }
        }
    }

    struct Stream {
        var name: String
        var perSecond: Int
        var bytes: Int
    }

    let records: [Record]
    let streams: [Stream]
    static let timelineTopics = ["/gnss/ubx0/fix", "/sensors/stats", "/time/clock"]

    init(ousterPacketsPerSecond: Int = 640, ousterPayloadBytes: Int = 24_896, velodynePacketsPerSecond: Int = 754) {
        var r: [Record] = []
        func spread(_ n: Int, _ make: (Int, Int64) -> Record) {
            for i in 0..<n { r.append(make(i, Int64(i) * 1_000_000_000 / Int64(max(1, n)))) }
        }
        let sensor = PcapUDPEndpoint(address: PcapIPv4Address(192, 168, 1, 201), port: 7502)
        let host = PcapUDPEndpoint(address: PcapIPv4Address(192, 168, 1, 10), port: 7502)
        let ouster = (0..<ousterPayloadBytes).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let velodyne = (0..<1206).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
        spread(ousterPacketsPerSecond) { _, o in
            .pcap(
                file: "lidar/lidar-os0.pcap",
                datagram: .init(source: sensor, destination: host, payload: ouster, receiveUnixNanoseconds: 0),
                offsetNanoseconds: o)
        }
        spread(velodynePacketsPerSecond) { _, o in
            .pcap(
                file: "lidar/lidar-vlp0.pcap",
                datagram: .init(source: sensor, destination: host, payload: velodyne, receiveUnixNanoseconds: 0),
                offsetNanoseconds: o)
        }
        let pvt = UBXFrame.encode(messageClass: 0x01, id: 0x07, payload: Array(repeating: 0x11, count: 92))
        let rawx = UBXFrame.encode(messageClass: 0x02, id: 0x15, payload: Array(repeating: 0x22, count: 16 + 32 * 30))
        let esf = UBXFrame.encode(messageClass: 0x10, id: 0x02, payload: Array(repeating: 0x33, count: 16))
        spread(20) { _, o in .ubx(file: "gnss/ubx0.ubx", frame: pvt, offsetNanoseconds: o) }
        spread(10) { _, o in .ubx(file: "gnss/ubx0.ubx", frame: rawx, offsetNanoseconds: o + 1_000) }
        spread(100) { _, o in .ubx(file: "gnss/ubx0.ubx", frame: esf, offsetNanoseconds: o + 2_000) }
        let fix = Array(String(repeating: "{\"latitude\":46.2044,\"longitude\":6.1437}", count: 8).utf8)
        spread(20) { _, o in .timeline(channel: 0, json: fix, offsetNanoseconds: o + 3_000) }
        spread(3) { _, o in .timeline(channel: 1, json: Array(fix.prefix(200)), offsetNanoseconds: o + 4_000) }
        spread(1) { _, o in .timeline(channel: 2, json: Array(fix.prefix(300)), offsetNanoseconds: o + 5_000) }
        records = r.sorted { $0.offset < $1.offset }
        streams = [
            Stream(name: "Ouster-like pcap", perSecond: ousterPacketsPerSecond, bytes: ousterPayloadBytes),
            Stream(name: "Velodyne-like pcap", perSecond: velodynePacketsPerSecond, bytes: 1206),
            Stream(name: "UBX NAV-PVT", perSecond: 20, bytes: pvt.count),
            Stream(name: "UBX RXM-RAWX", perSecond: 10, bytes: rawx.count),
            Stream(name: "UBX ESF-MEAS", perSecond: 100, bytes: esf.count),
            Stream(name: "MCAP JSON messages", perSecond: 24, bytes: fix.count),
        ]
    }
}
