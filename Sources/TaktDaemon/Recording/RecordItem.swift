public import TaktCore

/// One thing for the recorder to write. Producers build items off the writer thread (JSON encoding, framing), so
/// the writer only appends bytes.
public enum RecordItem: Sendable {
    /// A JSON message on a timeline channel.
    case timeline(topic: String, schema: TimelineSchema, time: TimelineTime, json: [UInt8])
    /// Whole raw records (UBX frames, NMEA sentences) appended to a raw stream file under `data/`.
    case raw(file: String, bytes: [UInt8], records: Int, time: GPSTime)
    /// One received UDP datagram for a sensor's pcap.
    case packet(file: String, datagram: PcapUDPDatagram, time: GPSTime)
    /// A whole file (a camera JPEG) under `data/`.
    case wholeFile(file: String, bytes: [UInt8], time: GPSTime)
    /// Items that must land in the same segment (a camera image and the exposure record naming it); the first
    /// item's time decides a rotation, then all are written without one.
    indirect case group([RecordItem])

    var gpsTime: GPSTime {
        switch self {
        case .timeline(_, _, let t, _): t.stamp.gps
        case .raw(_, _, _, let t), .packet(_, _, let t), .wholeFile(_, _, let t): t
        case .group(let items): items.first?.gpsTime ?? GPSTime(nanosecondsSinceEpoch: 0)
        }
    }
}

/// Recording control, from the operator (socket) or the daemon itself (disk guard, shutdown).
public enum RecorderCommand: Sendable, Equatable {
    case start
    case stop
    case pause
    case resume
    case mark(String)
    case diskLow(availableBytes: Int64)
    /// Close everything and end the writer thread.
    case shutdown
}
