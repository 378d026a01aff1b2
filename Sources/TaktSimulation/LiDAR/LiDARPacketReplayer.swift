import Glibc
import TaktCore

/// Replays LiDAR packets over real UDP (loopback by default) at the capture's timing or a fixed rate, injecting the
/// faults of a `LiDARFaultPlan` and returning an exact ledger of what it sent.
///
/// ```swift
/// let replayer = try LiDARPacketReplayer(capture: pcapBytes, portMap: [7502: lidarPort, 7503: imuPort])
/// let ledger = try replayer.replay(faults: LiDARFaultPlan(drops: [10], duplicates: [20]))
/// ```
/// The replay blocks the calling thread (it paces with `clock_nanosleep` on CLOCK_MONOTONIC); run it on its own
/// thread in the simulator.
public struct LiDARPacketReplayer: Sendable {
    public enum Pacing: Sendable, Hashable {
        /// The capture's own inter-packet timing, sped up by `speed` (1 = real time: the sensor's real rate).
        case captureTiming(speed: Double)
        case packetsPerSecond(Double)
        /// As fast as the socket takes them.
        case unpaced
    }

    public struct Packet: Sendable, Hashable {
        /// Time since the first packet of the capture.
        public var offset: Duration
        /// The UDP destination port in the capture (picks the target port through `portMap`).
        public var originalPort: UInt16
        public var payload: [UInt8]

        public init(offset: Duration, originalPort: UInt16, payload: [UInt8]) {
            self.offset = offset
            self.originalPort = originalPort
            self.payload = payload
        }
    }

    public var packets: [Packet]
    public var pacing: Pacing
    public var destinationAddress: UInt32
    /// Capture port → target port; unmapped ports keep their number.
    public var portMap: [UInt16: UInt16]
    /// Keep every sent payload in `ledger.sentDatagrams` (tests compare them byte for byte; benches turn it off).
    public var recordsSentPayloads = true

    public init(
        packets: [Packet], pacing: Pacing = .captureTiming(speed: 1), destinationAddress: UInt32 = 0x7F00_0001,
        portMap: [UInt16: UInt16] = [:]
    ) {
        self.packets = packets
        self.pacing = pacing
        self.destinationAddress = destinationAddress
        self.portMap = portMap
    }

    /// Every UDP datagram of a classic pcap capture (fragments reassembled), in capture order.
    public init(
        capture bytes: [UInt8], pacing: Pacing = .captureTiming(speed: 1), portMap: [UInt16: UInt16] = [:]
    ) throws(LiDARReplayError) {
        let datagrams: [CapturedUDPDatagram]
        do {
            datagrams = try PcapCaptureReader.udpDatagrams(in: bytes)
        } catch {
            throw .capture(error.description)
        }
        let start = datagrams.first?.timestampNanoseconds ?? 0
        self.init(
            packets: datagrams.map {
                Packet(offset: .nanoseconds($0.timestampNanoseconds - start), originalPort: $0.destinationPort, payload: $0.payload)
            },
            pacing: pacing, portMap: portMap)
    }

    /// One step of a replay, in send order.
    public enum Step: Sendable, Hashable {
        case packet(index: Int)
        case garbage(port: UInt16, payload: [UInt8])
        case pause(Duration)
    }

    /// The send order a fault plan produces (pure; `replay` executes it).
    public func schedule(faults: LiDARFaultPlan) throws(LiDARReplayError) -> [Step] {
        let problems = faults.problems(packetCount: packets.count)
        guard problems.isEmpty else { throw .invalidFaultPlan(problems) }
        var generator = SplitMix64(seed: faults.seed)
        var steps: [Step] = []
        var index = 0
        func emit(_ packetIndex: Int) {
            if let pause = faults.silences[packetIndex] { steps.append(.pause(pause)) }
            if !faults.drops.contains(packetIndex) { steps.append(.packet(index: packetIndex)) }
            if faults.duplicates.contains(packetIndex) { steps.append(.packet(index: packetIndex)) }
            if faults.garbageAfter.contains(packetIndex) {
                steps.append(.garbage(port: target(packets[packetIndex].originalPort), payload: Self.garbage(&generator)))
            }
        }
        while index < packets.count {
            if faults.reorders.contains(index), index + 1 < packets.count {
                emit(index + 1)
                emit(index)
                index += 2
            } else {
                emit(index)
                index += 1
            }
        }
        return steps
    }

    /// Sends the schedule over UDP and returns the ledger.
    public func replay(faults: LiDARFaultPlan = LiDARFaultPlan()) throws(LiDARReplayError) -> LiDARReplayLedger {
        let steps = try schedule(faults: faults)
        let socket = try UDPSender(destination: destinationAddress)
        var ledger = LiDARReplayLedger()
        ledger.dropped = faults.drops.count
        ledger.duplicated = faults.duplicates.count
        ledger.reordered = faults.reorders.filter { $0 + 1 < packets.count }.count
        var pauseTotal: Duration = .zero
        let start = UDPSender.monotonicNow()
        var sentPackets = 0
        for step in steps {
            switch step {
            case .pause(let duration):
                pauseTotal += duration
                ledger.silences.append(duration)
            case .garbage(let port, let payload):
                try socket.send(payload, to: port)
                ledger.garbage += 1
                ledger.sent += 1
                ledger.sentDatagrams.append((port, payload))
            case .packet(let index):
                let packet = packets[index]
                if let due = dueTime(packetIndex: index, sequence: sentPackets) {
                    UDPSender.sleep(until: start + (due + pauseTotal).nanoseconds)
                } else if pauseTotal > .zero {
                    UDPSender.sleep(until: start + pauseTotal.nanoseconds)
                }
                let port = target(packet.originalPort)
                try socket.send(packet.payload, to: port)
                ledger.sent += 1
                sentPackets += 1
                if recordsSentPayloads { ledger.sentDatagrams.append((port, packet.payload)) }
            }
        }
        return ledger
    }

    private func target(_ port: UInt16) -> UInt16 { portMap[port] ?? port }

    private func dueTime(packetIndex: Int, sequence: Int) -> Duration? {
        switch pacing {
        case .captureTiming(let speed):
            guard speed > 0 else { return nil }
            return .nanoseconds(Int64(Double(packets[packetIndex].offset.nanoseconds) / speed))
        case .packetsPerSecond(let rate):
            guard rate > 0 else { return nil }
            return .nanoseconds(Int64(Double(sequence) * 1e9 / rate))
        case .unpaced:
            return nil
        }
    }

    /// Junk whose length (60–499 B, never 48) matches no Ouster, Velodyne or IMU packet size.
    static func garbage(_ generator: inout SplitMix64) -> [UInt8] {
        let length = Int.random(in: 60..<500, using: &generator)
        return (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// Deterministic generator for reproducible garbage.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
