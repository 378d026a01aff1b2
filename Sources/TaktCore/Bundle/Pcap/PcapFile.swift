/// Reads a whole classic pcap held in memory into its records (tests, `takt inspect` of small files, tools that
/// re-frame an existing capture). Large files go through `RawRecordScanner` instead.
public struct PcapFile: Sendable {
    public struct Record: Sendable {
        public var header: PcapRecord
        /// Capture time as Unix nanoseconds (µs files scaled).
        public var timestampUnixNanoseconds: Int64
        /// The captured frame bytes.
        public var frame: ArraySlice<UInt8>
    }

    public var header: PcapFileHeader
    public var records: [Record]
    /// Bytes after the last whole record.
    public var trailingBytes: Int

    /// Parses `bytes`; `nil` when the file header is missing or not a pcap magic.
    public init?(_ bytes: [UInt8]) {
        guard let h = PcapFileHeader.parse(bytes) else { return nil }
        header = h
        records = []
        var i = PcapFileHeader.length
        while let r = PcapRecord.parseHeader(bytes, at: i, bigEndian: h.bigEndian) {
            let end = i + PcapRecord.headerLength + Int(r.includedLength)
            guard end <= bytes.count else { break }
            let scale: Int64 = h.nanosecondResolution ? 1 : 1000
            records.append(
                Record(
                    header: r,
                    timestampUnixNanoseconds: Int64(r.timestampSeconds) * 1_000_000_000 + Int64(r.timestampFraction)
                        * scale,
                    frame: bytes[(i + PcapRecord.headerLength)..<end]))
            i = end
        }
        trailingBytes = bytes.count - i
    }

    /// The UDP datagrams of an Ethernet capture (records that are not IPv4/UDP are skipped). Addresses and ports
    /// come from the headers.
    public var udpDatagrams: [PcapUDPDatagram] {
        guard header.linktype == PcapFileHeader.linktypeEthernet else { return [] }
        return records.compactMap { r in
            guard case .success(let payload) = PcapFrameCheck.check(r.frame) else { return nil }
            let f = Array(r.frame)
            let ihl = Int(f[14] & 0x0F) * 4
            let src = PcapIPv4Address(f[26], f[27], f[28], f[29])
            let dst = PcapIPv4Address(f[30], f[31], f[32], f[33])
            let sport = UInt16(f[14 + ihl]) << 8 | UInt16(f[15 + ihl])
            let dport = UInt16(f[16 + ihl]) << 8 | UInt16(f[17 + ihl])
            return PcapUDPDatagram(
                source: PcapUDPEndpoint(address: src, port: sport),
                destination: PcapUDPEndpoint(address: dst, port: dport),
                payload: Array(r.frame[payload]), receiveUnixNanoseconds: r.timestampUnixNanoseconds)
        }
    }
}
