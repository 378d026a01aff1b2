/// A decoded Velodyne position (telemetry) packet from port 8308: PPS lock state and the NMEA sentence the
/// sensor's clock follows.
public struct VelodynePositionPacket: Sendable, Hashable {
    public static let size = 512

    /// PPS state as the sensor reports it; only `.locked` means its µs clock is disciplined.
    public enum PPSStatus: UInt8, Sendable, Hashable, Codable {
        case absent = 0
        case synchronizing = 1
        case locked = 2
        case error = 3
    }

    public var timestampMicrosecondsPastHour: UInt32
    public var ppsStatus: PPSStatus
    /// The NMEA sentence (`$GPRMC`, or `$GPGGA` on newer firmware) without padding; empty when no GNSS is wired.
    public var nmeaSentence: String

    public init(bytes: [UInt8]) throws(VelodynePacketError) {
        guard bytes.count == Self.size else { throw .sizeMismatch(expected: [Self.size], actual: bytes.count) }
        let reader = LittleEndianReader(bytes)
        let timestamp = reader.u32(198) ?? 0
        guard timestamp < VelodyneDataPacket.microsecondsPerHour else { throw .timestampOutOfRange(timestamp) }
        let rawPPS = reader.u8(202) ?? 0
        guard let pps = PPSStatus(rawValue: rawPPS) else { throw .invalidPPSStatus(rawPPS) }
        var sentence: [UInt8] = []
        for byte in bytes[206...] {
            if byte == 0 { break }
            sentence.append(byte)
        }
        while let last = sentence.last, last == 0x0D || last == 0x0A { sentence.removeLast() }
        if !sentence.isEmpty {
            guard sentence.first == UInt8(ascii: "$"), sentence.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                throw .invalidNMEA
            }
        }
        timestampMicrosecondsPastHour = timestamp
        ppsStatus = pps
        nmeaSentence = String(decoding: sentence, as: UTF8.self)
    }

    /// The `$GPRMC` fields that anchor the sensor's hour, if the sentence is an RMC with a valid checksum.
    public var rmc: VelodyneRMC? { VelodyneRMC(sentence: nmeaSentence) }
}

/// The parts of an RMC sentence that date a Velodyne's µs-past-the-hour clock.
public struct VelodyneRMC: Sendable, Hashable {
    /// hhmmss(.sss) UTC as written.
    public var utcTime: String
    /// `A` (valid) or `V` (warning).
    public var status: Character
    /// ddmmyy as written.
    public var date: String

    public init?(sentence: String) {
        guard let star = sentence.lastIndex(of: "*"), sentence.hasPrefix("$") else { return nil }
        let body = sentence[sentence.index(after: sentence.startIndex)..<star]
        let checksumText = sentence[sentence.index(after: star)...]
        guard let checksum = UInt8(checksumText, radix: 16) else { return nil }
        guard body.utf8.reduce(0, ^) == checksum else { return nil }
        let fields = body.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 10, fields[0].hasSuffix("RMC"), let status = fields[2].first else { return nil }
        utcTime = String(fields[1])
        self.status = status
        date = String(fields[9])
    }
}
