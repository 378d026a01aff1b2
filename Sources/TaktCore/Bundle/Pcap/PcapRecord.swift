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
        var out: [UInt8] = []
        out.reserveCapacity(try recordLength(of: datagram))
        try encode(datagram, appendingTo: &out)
        return out
    }

    /// The length of the record `encode` would produce, or why the datagram cannot be framed. Writers call it to
    /// reserve space and to count a drop before touching their buffer.
    public static func recordLength(of datagram: PcapUDPDatagram) throws(EncodeError) -> Int {
        let payloadCount = datagram.payload.count
        guard payloadCount <= maxUDPPayload else { throw .payloadTooLarge(bytes: payloadCount) }
        let ns = datagram.receiveUnixNanoseconds
        guard ns >= 0, ns / 1_000_000_000 <= Int64(UInt32.max) else {
            throw .timestampOutOfRange(unixNanoseconds: ns)
        }
        return headerLength + frameOverhead + payloadCount
    }

    /// Appends the record straight onto `out` (a file's write buffer), so the writer's hot path builds no
    /// per-record array. On error `out` is left untouched.
    public static func encode(_ datagram: PcapUDPDatagram, appendingTo out: inout [UInt8]) throws(EncodeError) {
        _ = try recordLength(of: datagram)
        let ns = datagram.receiveUnixNanoseconds
        let frameLength = UInt32(frameOverhead + datagram.payload.count)
        let le = ByteOrder.little
        le.append(UInt32(ns / 1_000_000_000), to: &out)
        le.append(UInt32(ns % 1_000_000_000), to: &out)
        le.append(frameLength, to: &out)
        le.append(frameLength, to: &out)
        appendFrame(datagram, to: &out)
    }

    /// Ethernet II with locally administered MACs derived from the IPv4 addresses (`02:00:a.b.c.d`), so a reader
    /// filtering on MAC still tells sensors apart.
    static func appendFrame(_ d: PcapUDPDatagram, to out: inout [UInt8]) {
        // Headers are written in place into zeroed space: no temporary arrays on the per-packet path.
        let e = out.count
        out.append(contentsOf: repeatElement(0, count: frameOverhead))
        let src = d.source.address.bytes
        let dst = d.destination.address.bytes
        func put16(_ at: Int, _ v: UInt16) {
            out[at] = UInt8(v >> 8)
            out[at + 1] = UInt8(v & 0xFF)
        }
        // Ethernet II: destination and source MAC, EtherType IPv4.
        out[e] = 0x02
        out[e + 6] = 0x02
        for k in 0..<4 {
            out[e + 2 + k] = dst[k]
            out[e + 8 + k] = src[k]
        }
        put16(e + 12, 0x0800)
        // IPv4: version 4, IHL 5, total length, id 0, DF, TTL 64, UDP, checksum, addresses.
        let ip = e + 14
        out[ip] = 0x45
        put16(ip + 2, UInt16(20 + 8 + d.payload.count))
        out[ip + 6] = 0x40
        out[ip + 8] = 64
        out[ip + 9] = 17
        for k in 0..<4 {
            out[ip + 12 + k] = src[k]
            out[ip + 16 + k] = dst[k]
        }
        put16(ip + 10, ipv4HeaderChecksum(out, from: ip))
        // UDP; checksum 0 means "not computed", which RFC 768 allows over IPv4.
        let udp = ip + 20
        put16(udp, d.source.port)
        put16(udp + 2, d.destination.port)
        put16(udp + 4, UInt16(8 + d.payload.count))
        out.append(contentsOf: d.payload)
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
