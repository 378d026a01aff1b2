/// One pcap record: the 16-byte record header (ts_sec, ts_nsec, incl_len, orig_len) and the captured frame.
///
/// Takt writes one record per received datagram, wrapped in synthesised Ethernet + IPv4 (IHL 5, valid header
/// checksum, DF set) + UDP headers, never re-fragmented: readers like the Velodyne driver copy the payload from the
/// fixed offset 42.
public struct PcapRecord: Equatable, Sendable {
    public static let headerLength = 16
    /// Ethernet (14) + IPv4 without options (20) + UDP (8).
    public static let frameOverhead = 42
    /// The largest UDP payload an IPv4 total-length field can describe.
    public static let maxUDPPayload = 65_535 - 20 - 8

    public var timestampSeconds: UInt32
    /// Nanoseconds (or microseconds in a µs file) within the second.
    public var timestampFraction: UInt32
    public var includedLength: UInt32
    public var originalLength: UInt32

    public init(timestampSeconds: UInt32, timestampFraction: UInt32, includedLength: UInt32, originalLength: UInt32) {
        self.timestampSeconds = timestampSeconds
        self.timestampFraction = timestampFraction
        self.includedLength = includedLength
        self.originalLength = originalLength
    }

    /// Why a datagram could not be framed; the caller counts it as a drop.
    public enum EncodeError: Error, Equatable, Sendable {
        case payloadTooLarge(bytes: Int)
        case timestampOutOfRange(unixNanoseconds: Int64)
    }

    /// The complete record (header + Ethernet/IPv4/UDP frame) for one datagram in a nanosecond pcap.
    public static func encode(_ datagram: PcapUDPDatagram) throws(EncodeError) -> [UInt8] {
        let payloadCount = datagram.payload.count
        guard payloadCount <= maxUDPPayload else { throw .payloadTooLarge(bytes: payloadCount) }
        let ns = datagram.receiveUnixNanoseconds
        guard ns >= 0, ns / 1_000_000_000 <= Int64(UInt32.max) else {
            throw .timestampOutOfRange(unixNanoseconds: ns)
        }
        let frameLength = UInt32(frameOverhead + payloadCount)
        var out: [UInt8] = []
        out.reserveCapacity(headerLength + Int(frameLength))
        let le = ByteOrder.little
        le.append(UInt32(ns / 1_000_000_000), to: &out)
        le.append(UInt32(ns % 1_000_000_000), to: &out)
        le.append(frameLength, to: &out)
        le.append(frameLength, to: &out)
        appendFrame(datagram, to: &out)
        return out
    }

    /// Ethernet II with locally administered MACs derived from the IPv4 addresses (`02:00:a.b.c.d`), so a reader
    /// filtering on MAC still tells sensors apart.
    static func appendFrame(_ d: PcapUDPDatagram, to out: inout [UInt8]) {
        let be = ByteOrder.big
        out += [0x02, 0x00] + d.destination.address.bytes
        out += [0x02, 0x00] + d.source.address.bytes
        be.append(UInt16(0x0800), to: &out)
        // IPv4 header.
        let ipStart = out.count
        let totalLength = UInt16(20 + 8 + d.payload.count)
        out += [0x45, 0x00]
        be.append(totalLength, to: &out)
        out += [0x00, 0x00, 0x40, 0x00]  // identification 0; flags DF, fragment offset 0
        out += [64, 17, 0x00, 0x00]  // TTL, protocol UDP, checksum placeholder
        out += d.source.address.bytes
        out += d.destination.address.bytes
        let checksum = ipv4HeaderChecksum(out, from: ipStart)
        out[ipStart + 10] = UInt8(checksum >> 8)
        out[ipStart + 11] = UInt8(checksum & 0xFF)
        // UDP header; checksum 0 means "not computed", which RFC 768 allows over IPv4.
        be.append(d.source.port, to: &out)
        be.append(d.destination.port, to: &out)
        be.append(UInt16(8 + d.payload.count), to: &out)
        out += [0x00, 0x00]
        out += d.payload
    }

    /// The RFC 791 ones'-complement header checksum over 20 bytes from `start` (checksum field included as stored).
    static func ipv4HeaderChecksum(_ bytes: [UInt8], from start: Int) -> UInt16 {
        var sum: UInt32 = 0
        var i = start
        while i < start + 20 {
            sum += UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1])
            i += 2
        }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }

    /// Parses a record header at `start` in a file of the given byte order.
    public static func parseHeader(_ bytes: [UInt8], at start: Int, bigEndian: Bool) -> PcapRecord? {
        guard bytes.count - start >= headerLength else { return nil }
        let o = ByteOrder(bigEndian: bigEndian)
        return PcapRecord(
            timestampSeconds: o.u32(bytes, start), timestampFraction: o.u32(bytes, start + 4),
            includedLength: o.u32(bytes, start + 8), originalLength: o.u32(bytes, start + 12))
    }
}
