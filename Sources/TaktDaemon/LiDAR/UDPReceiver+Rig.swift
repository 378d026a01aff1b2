public import TaktCore

extension UDPReceiver.Configuration {
    /// The receiver configuration for a rig sensor's `udp` endpoint (data port first, then auxiliary ports).
    public init(endpoint: UDPEndpoint, queueCapacity: Int = 16384) throws(UDPReceiverError) {
        var ports: [UInt16] = []
        for port in endpoint.ports {
            guard let valid = UInt16(exactly: port) else { throw .invalidPort(port) }
            ports.append(valid)
        }
        self.init(
            bindAddress: endpoint.bindAddress, ports: ports,
            receiveBufferBytes: endpoint.receiveBufferBytes ?? 64 << 20,
            queueCapacity: queueCapacity)
    }
}
