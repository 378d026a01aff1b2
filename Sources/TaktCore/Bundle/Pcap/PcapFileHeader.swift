/// The 24-byte classic pcap file header Takt writes: nanosecond magic `0xa1b23c4d`, version 2.4, LINKTYPE_ETHERNET,
/// snaplen 262144 (pcap-savefile(5)). Little-endian, because the header's byte order is the writer's.
///
/// Nanosecond resolution keeps the kernel's `SO_TIMESTAMPNS` receive stamp exact; Ethernet is the one link type that
/// LidarView, the Velodyne driver and ouster-sdk all accept.
public struct PcapFileHeader: Equatable, Sendable {
    public static let length = 24
    public static let nanosecondMagic: UInt32 = 0xA1B2_3C4D
    public static let microsecondMagic: UInt32 = 0xA1B2_C3D4
    public static let linktypeEthernet: UInt32 = 1
    public static let defaultSnaplen: UInt32 = 262_144

    public var nanosecondResolution: Bool
    /// True when the file was written big-endian (readers swap; Takt writes little-endian).
    public var bigEndian: Bool
    public var versionMajor: UInt16
    public var versionMinor: UInt16
    public var snaplen: UInt32
    public var linktype: UInt32

    public init(
        nanosecondResolution: Bool = true, bigEndian: Bool = false, versionMajor: UInt16 = 2, versionMinor: UInt16 = 4,
        snaplen: UInt32 = PcapFileHeader.defaultSnaplen, linktype: UInt32 = PcapFileHeader.linktypeEthernet
    ) {
        self.nanosecondResolution = nanosecondResolution
        self.bigEndian = bigEndian
        self.versionMajor = versionMajor
        self.versionMinor = versionMinor
        self.snaplen = snaplen
        self.linktype = linktype
    }

    /// The header Takt writes at the start of every LiDAR pcap.
    public static let takt = PcapFileHeader()

    /// The 24 header bytes (little-endian unless `bigEndian`).
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.length)
        let order = ByteOrder(bigEndian: bigEndian)
        order.append(nanosecondResolution ? Self.nanosecondMagic : Self.microsecondMagic, to: &out)
        order.append(versionMajor, to: &out)
        order.append(versionMinor, to: &out)
        order.append(UInt32(0), to: &out)  // thiszone
        order.append(UInt32(0), to: &out)  // sigfigs
        order.append(snaplen, to: &out)
        order.append(linktype, to: &out)
        return out
    }

    /// Parses the first 24 bytes; `nil` when there are fewer or the magic is not a classic pcap magic.
    public static func parse(_ bytes: [UInt8], at start: Int = 0) -> PcapFileHeader? {
        guard bytes.count - start >= length else { return nil }
        let le = ByteOrder.little.u32(bytes, start)
        let order: ByteOrder
        let ns: Bool
        switch le {
        case nanosecondMagic: (order, ns) = (.little, true)
        case microsecondMagic: (order, ns) = (.little, false)
        case nanosecondMagic.byteSwapped: (order, ns) = (.big, true)
        case microsecondMagic.byteSwapped: (order, ns) = (.big, false)
        default: return nil
        }
        return PcapFileHeader(
            nanosecondResolution: ns, bigEndian: order == .big, versionMajor: order.u16(bytes, start + 4),
            versionMinor: order.u16(bytes, start + 6), snaplen: order.u32(bytes, start + 16),
            linktype: order.u32(bytes, start + 20))
    }
}
