/// An IPv4 address as received by `recvmsg` (network order bytes `a.b.c.d`).
public struct PcapIPv4Address: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The four bytes in network order.
    public let bytes: [UInt8]

    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) { bytes = [a, b, c, d] }

    /// Parses dotted-quad text; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, let v = UInt8(p) else { return nil }
            out.append(v)
        }
        bytes = out
    }

    public var description: String { bytes.map(String.init).joined(separator: ".") }
}

/// One UDP endpoint: address and port.
public struct PcapUDPEndpoint: Hashable, Sendable, Codable {
    public var address: PcapIPv4Address
    public var port: UInt16

    public init(address: PcapIPv4Address, port: UInt16) {
        self.address = address
        self.port = port
    }
}

/// A received UDP datagram with the real source and destination from `recvmsg` and the kernel receive time.
public struct PcapUDPDatagram: Hashable, Sendable {
    public var source: PcapUDPEndpoint
    public var destination: PcapUDPEndpoint
    public var payload: [UInt8]
    /// Kernel receive time (`SO_TIMESTAMPNS`), nanoseconds since the Unix epoch, UTC.
    public var receiveUnixNanoseconds: Int64

    public init(source: PcapUDPEndpoint, destination: PcapUDPEndpoint, payload: [UInt8], receiveUnixNanoseconds: Int64)
    {
        self.source = source
        self.destination = destination
        self.payload = payload
        self.receiveUnixNanoseconds = receiveUnixNanoseconds
    }
}
