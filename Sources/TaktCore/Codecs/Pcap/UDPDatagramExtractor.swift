/// Pulls IPv4 UDP datagrams out of captured link-layer frames, reassembling IP fragments.
///
/// Ouster packets exceed a 1500-byte MTU, so captures without jumbo frames hold fragments. Reassembly follows
/// the kernel's rules closely enough for replay: fragments are keyed by (source, destination, id, protocol), a
/// datagram completes when its fragments cover 0..<total, and an incomplete one expires after 30 s of capture time
/// (Linux `ipfrag_time`), so a stale first fragment cannot poison a later datagram reusing the id.
public struct UDPDatagramExtractor: Sendable {
    public static let linkEthernet: UInt32 = 1
    public static let linkRawIPv4: UInt32 = 101
    public static let linkLinuxSLL: UInt32 = 113
    public static let linkLinuxSLL2: UInt32 = 276
    public static let linkNull: UInt32 = 0

    public let linkType: UInt32
    public var fragmentTimeoutNanoseconds: Int64 = 30_000_000_000
    /// Frames that were not IPv4 UDP (ARP, IPv6, TCP …).
    public private(set) var skippedFrames = 0
    /// Frames too short or inconsistent to parse.
    public private(set) var malformedFrames = 0
    /// Partial datagrams abandoned after the timeout.
    public private(set) var expiredDatagrams = 0

    private struct Key: Hashable { var source: UInt32, destination: UInt32, id: UInt16 }
    private struct Partial {
        var firstSeen: Int64
        var pieces: [Int: [UInt8]] = [:]
        var total: Int?
    }
    private var partials: [Key: Partial] = [:]

    public init(linkType: UInt32) { self.linkType = linkType }

    /// Feeds one frame; returns the datagram it completes, if any.
    public mutating func push(_ record: PcapCaptureRecord) -> CapturedUDPDatagram? {
        expire(now: record.timestampNanoseconds)
        guard let ipStart = networkOffset(record.data) else { return nil }
        let frame = record.data
        let ip = LittleEndianReader(frame)
        guard let versionIHL = ip.u8(ipStart), versionIHL >> 4 == 4 else {
            skippedFrames += 1
            return nil
        }
        let headerLength = Int(versionIHL & 0x0F) * 4
        guard headerLength >= 20, let totalBE = ip.u16(ipStart + 2), let idBE = ip.u16(ipStart + 4),
            let flagsBE = ip.u16(ipStart + 6), let proto = ip.u8(ipStart + 9),
            let sourceBE = ip.u32(ipStart + 12), let destinationBE = ip.u32(ipStart + 16)
        else {
            malformedFrames += 1
            return nil
        }
        guard proto == 17 else {
            skippedFrames += 1
            return nil
        }
        let total = Int(totalBE.byteSwapped)
        guard total >= headerLength, ipStart + total <= frame.count else {
            malformedFrames += 1
            return nil
        }
        let flags = flagsBE.byteSwapped
        let moreFragments = flags & 0x2000 != 0
        let fragmentOffset = Int(flags & 0x1FFF) * 8
        let body = Array(frame[(ipStart + headerLength)..<(ipStart + total)])
        let source = sourceBE.byteSwapped
        let destination = destinationBE.byteSwapped
        if !moreFragments && fragmentOffset == 0 {
            return udp(body, source: source, destination: destination, time: record.timestampNanoseconds)
        }
        let key = Key(source: source, destination: destination, id: idBE.byteSwapped)
        var partial = partials[key] ?? Partial(firstSeen: record.timestampNanoseconds)
        partial.pieces[fragmentOffset] = body
        if !moreFragments { partial.total = fragmentOffset + body.count }
        if let whole = assemble(partial) {
            partials[key] = nil
            return udp(whole, source: source, destination: destination, time: record.timestampNanoseconds)
        }
        partials[key] = partial
        return nil
    }

    /// Datagrams still waiting for fragments (counted as incomplete at end of capture).
    public var pendingDatagrams: Int { partials.count }

    private mutating func expire(now: Int64) {
        let stale = partials.filter { now - $0.value.firstSeen > fragmentTimeoutNanoseconds }.map(\.key)
        for key in stale { partials[key] = nil }
        expiredDatagrams += stale.count
    }

    private func assemble(_ partial: Partial) -> [UInt8]? {
        guard let total = partial.total else { return nil }
        var whole: [UInt8] = []
        whole.reserveCapacity(total)
        while whole.count < total {
            guard let piece = partial.pieces[whole.count], !piece.isEmpty else { return nil }
            whole.append(contentsOf: piece)
        }
        return whole.count == total ? whole : nil
    }

    private mutating func udp(_ segment: [UInt8], source: UInt32, destination: UInt32, time: Int64) -> CapturedUDPDatagram? {
        let reader = LittleEndianReader(segment)
        guard let sp = reader.u16(0), let dp = reader.u16(2), let lengthBE = reader.u16(4) else {
            malformedFrames += 1
            return nil
        }
        let length = Int(lengthBE.byteSwapped)
        guard length >= 8, length <= segment.count else {
            malformedFrames += 1
            return nil
        }
        return CapturedUDPDatagram(
            timestampNanoseconds: time, sourceAddress: source, sourcePort: sp.byteSwapped,
            destinationAddress: destination, destinationPort: dp.byteSwapped, payload: Array(segment[8..<length]))
    }

    /// Offset of the IPv4 header in a frame of this link type, or `nil` (counted) if it carries something else.
    private mutating func networkOffset(_ frame: [UInt8]) -> Int? {
        let reader = LittleEndianReader(frame)
        var offset: Int
        var etherType: UInt16?
        switch linkType {
        case Self.linkEthernet:
            offset = 14
            etherType = reader.u16(12)?.byteSwapped
            while etherType == 0x8100 || etherType == 0x88A8 {
                etherType = reader.u16(offset + 2)?.byteSwapped
                offset += 4
            }
        case Self.linkLinuxSLL:
            offset = 16
            etherType = reader.u16(14)?.byteSwapped
        case Self.linkLinuxSLL2:
            offset = 20
            etherType = reader.u16(0)?.byteSwapped
        case Self.linkNull:
            offset = 4
            etherType = reader.u32(0) == 2 ? 0x0800 : 0
        case Self.linkRawIPv4:
            offset = 0
            etherType = 0x0800
        default:
            skippedFrames += 1
            return nil
        }
        guard let type = etherType, frame.count > offset else {
            malformedFrames += 1
            return nil
        }
        guard type == 0x0800 else {
            skippedFrames += 1
            return nil
        }
        return offset
    }
}

/// A UDP datagram recovered from a capture.
public struct CapturedUDPDatagram: Sendable, Hashable {
    public var timestampNanoseconds: Int64
    public var sourceAddress: UInt32
    public var sourcePort: UInt16
    public var destinationAddress: UInt32
    public var destinationPort: UInt16
    public var payload: [UInt8]
}

extension PcapCaptureReader {
    /// Every UDP datagram in a capture, in capture order (convenience for tests and the replayer).
    public static func udpDatagrams(in bytes: [UInt8]) throws(PcapCaptureError) -> [CapturedUDPDatagram] {
        var reader = try PcapCaptureReader(bytes: bytes)
        var extractor = UDPDatagramExtractor(linkType: reader.linkType)
        var datagrams: [CapturedUDPDatagram] = []
        while let record = try reader.next() {
            if let datagram = extractor.push(record) { datagrams.append(datagram) }
        }
        return datagrams
    }
}
