import Glibc

/// Sends a synthetic packet stream over UDP at a fixed rate, building each packet in place from its index (a
/// capacity bench streams gigabytes, more than a prepared packet list could hold).
///
/// ```swift
/// let sender = LiDARStreamSender(port: 2368, packetsPerSecond: 18_762, count: 187_620)
/// var buffer = model.packet(index: 0, startMicrosecondsPastHour: 0)
/// let sent = try sender.run { index, bytes in model.retime(&bytes, index: Int64(index), startMicrosecondsPastHour: 0) }
/// ```
/// `run` blocks the calling thread, pacing with absolute `clock_nanosleep` deadlines so error does not accumulate.
public struct LiDARStreamSender: Sendable {
    public var destinationAddress: UInt32
    public var port: UInt16
    public var packetsPerSecond: Double
    public var count: Int

    public init(destinationAddress: UInt32 = 0x7F00_0001, port: UInt16, packetsPerSecond: Double, count: Int) {
        self.destinationAddress = destinationAddress
        self.port = port
        self.packetsPerSecond = packetsPerSecond
        self.count = count
    }

    /// Sends `count` packets; `prepare(index, &buffer)` turns the buffer into packet `index` before each send.
    /// Returns how many were sent and the seconds from the first send to the last.
    public func run(
        initial: [UInt8], prepare: (Int, inout [UInt8]) -> Void
    ) throws(LiDARReplayError) -> (sent: Int, seconds: Double) {
        let socket = try UDPSender(destination: destinationAddress)
        var buffer = initial
        let start = UDPSender.monotonicNow()
        let interval = packetsPerSecond > 0 ? 1e9 / packetsPerSecond : 0
        var last = start
        for index in 0..<count {
            prepare(index, &buffer)
            UDPSender.sleep(until: start + Int64(Double(index) * interval))
            try socket.send(buffer, to: port)
            last = UDPSender.monotonicNow()
        }
        return (count, Double(last - start) / 1e9)
    }
}
