/// Why a Velodyne packet was rejected; each rejection is a counted malformed packet.
public enum VelodynePacketError: Error, Sendable, Hashable, CustomStringConvertible {
    case sizeMismatch(expected: [Int], actual: Int)
    /// Block flags must be bytes `FF EE` (or `FF DD`/`FF CC`/`FF BB` for banked sensors).
    case badBlockFlag(block: Int, flag: UInt16)
    case azimuthOutOfRange(block: Int, azimuth: UInt16)
    /// The µs-past-the-hour counter cannot reach 3.6·10⁹.
    case timestampOutOfRange(UInt32)
    case invalidPPSStatus(UInt8)
    /// The position packet's NMEA field is not a `$`-sentence of printable ASCII.
    case invalidNMEA

    public var description: String {
        switch self {
        case .sizeMismatch(let expected, let actual):
            "Velodyne packet of \(actual) B; expected one of \(expected) B"
        case .badBlockFlag(let block, let flag):
            "Velodyne block \(block) flag 0x\(String(flag, radix: 16)) is not a firing-block flag"
        case .azimuthOutOfRange(let block, let azimuth): "Velodyne block \(block) azimuth \(azimuth) > 35999"
        case .timestampOutOfRange(let value): "Velodyne timestamp \(value) µs is beyond one hour"
        case .invalidPPSStatus(let value): "Velodyne PPS status \(value) is not 0–3"
        case .invalidNMEA: "Velodyne position packet NMEA field is not a printable $-sentence"
        }
    }
}
