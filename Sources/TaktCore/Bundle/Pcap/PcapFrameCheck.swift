/// Structure check of one captured Ethernet frame as Takt writes it: Ethernet II carrying IPv4 (valid header
/// checksum) carrying UDP whose length agrees with the IP length. Used by `takt verify`.
public enum PcapFrameCheck {
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case tooShort(bytes: Int)
        case notIPv4(etherType: UInt16)
        case badIPHeader
        case badIPChecksum
        case notUDP(protocolNumber: UInt8)
        case lengthMismatch

        public var description: String {
            switch self {
            case .tooShort(let n): "frame of \(n) bytes is shorter than Ethernet+IPv4+UDP headers"
            case .notIPv4(let t): "EtherType 0x\(String(t, radix: 16)) is not IPv4"
            case .badIPHeader: "IPv4 header version/IHL/total length invalid"
            case .badIPChecksum: "IPv4 header checksum does not verify"
            case .notUDP(let p): "IP protocol \(p) is not UDP"
            case .lengthMismatch: "UDP length disagrees with the IPv4 total length or the captured length"
            }
        }
    }

    /// The UDP payload range within `frame` when the frame is sound, otherwise the first problem.
    public static func check(_ frame: ArraySlice<UInt8>) -> Result<Range<Int>, Problem> {
        let f = Array(frame)
        guard f.count >= PcapRecord.frameOverhead else { return .failure(.tooShort(bytes: f.count)) }
        let be = ByteOrder.big
        let etherType = be.u16(f, 12)
        guard etherType == 0x0800 else { return .failure(.notIPv4(etherType: etherType)) }
        let ihl = Int(f[14] & 0x0F) * 4
        let totalLength = Int(be.u16(f, 16))
        guard f[14] >> 4 == 4, ihl >= 20, 14 + ihl + 8 <= f.count, totalLength >= ihl + 8, 14 + totalLength <= f.count
        else { return .failure(.badIPHeader) }
        var sum: UInt32 = 0
        var i = 14
        while i < 14 + ihl {
            sum += UInt32(f[i]) << 8 | UInt32(f[i + 1])
            i += 2
        }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        guard sum == 0xFFFF else { return .failure(.badIPChecksum) }
        guard f[23] == 17 else { return .failure(.notUDP(protocolNumber: f[23])) }
        let udpStart = 14 + ihl
        let udpLength = Int(be.u16(f, udpStart + 4))
        guard udpLength == totalLength - ihl else { return .failure(.lengthMismatch) }
        let start = frame.startIndex + udpStart + 8
        return .success(start..<(start + udpLength - 8))
    }
}
