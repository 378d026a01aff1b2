/// Why an Ouster packet was rejected. Each rejection is counted as a malformed packet, never a crash.
public enum OusterPacketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The packet's size does not match the layout the metadata announces (wrong metadata, or a truncated or
    /// oversized datagram).
    case sizeMismatch(expected: Int, actual: Int)
    /// Non-legacy packets carry type 1 for lidar data.
    case unexpectedPacketType(UInt16)
    case measurementIDOutOfRange(column: Int, measurementID: UInt16, columnsPerFrame: Int)
    /// A legacy packet whose valid columns disagree on the frame id.
    case inconsistentFrameID(column: Int, expected: UInt16, found: UInt16)

    public var description: String {
        switch self {
        case .sizeMismatch(let expected, let actual):
            "Ouster packet of \(actual) B where the metadata's layout gives \(expected) B (check metadata/profile)"
        case .unexpectedPacketType(let type): "Ouster packet type \(type) is not lidar data (1)"
        case .measurementIDOutOfRange(let column, let mid, let perFrame):
            "Ouster column \(column) has measurement id \(mid) ≥ \(perFrame) columns per frame"
        case .inconsistentFrameID(let column, let expected, let found):
            "Ouster legacy column \(column) has frame id \(found), packet started with \(expected)"
        }
    }
}
