public import TaktCore

/// One UDP datagram as the receive thread got it from the kernel.
public struct ReceivedDatagram: Sendable {
    public var payload: [UInt8]
    /// Kernel receive time (`SO_TIMESTAMPNS`): CLOCK_REALTIME, Unix-epoch ns. `nil` if the kernel gave none.
    public var kernelRealtimeNanoseconds: Int64?
    /// CLOCK_MONOTONIC read right after the batch that carried this datagram returned; drives silence detection.
    public var receivedAt: MonotonicInstant
    public var source: IPv4Endpoint
    /// The address the datagram was sent to (`IP_PKTINFO`) and the local port it arrived on.
    public var destination: IPv4Endpoint
    /// The datagram was larger than the receive buffer and was cut (`MSG_TRUNC`).
    public var truncated: Bool
}

/// An IPv4 address and port, host byte order.
public struct IPv4Endpoint: Sendable, Hashable, CustomStringConvertible {
    public var address: UInt32
    public var port: UInt16

    public init(address: UInt32, port: UInt16) {
        self.address = address
        self.port = port
    }

    public static let loopback: UInt32 = 0x7F00_0001

    public var description: String {
        "\(address >> 24).\((address >> 16) & 0xFF).\((address >> 8) & 0xFF).\(address & 0xFF):\(port)"
    }

    /// Parses dotted-quad notation.
    public init?(dottedQuad text: String, port: UInt16) {
        let parts = text.split(separator: ".")
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        self.init(address: value, port: port)
    }
}
