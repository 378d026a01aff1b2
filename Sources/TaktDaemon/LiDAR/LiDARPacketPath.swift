import TaktCore

/// The per-datagram work of a `LiDARService`, run on the ingest thread: convert the kernel receive time
/// (CLOCK_REALTIME) to the host monotonic clock with a paired reading, stamp it through the clock model, build the
/// pcap record, and collect the per-frame timing that frame records and sync verdicts need.
struct LiDARPacketPath: Sendable {
    let setup: LiDARSensorSetup
    private(set) var mapper: LiDARTimeMapper
    private var timing = LiDARFrameTiming()
    private var pair: (monotonic: MonotonicInstant, realtimeNanoseconds: Int64)?
    /// Frames (Ouster) or position packets (Velodyne) per verdict, and the last mapping.
    private(set) var verdicts = LiDARSyncCounts()

    init(setup: LiDARSensorSetup) {
        self.setup = setup
        mapper = LiDARTimeMapper(mode: setup.timestampMode)
    }

    /// The recorder item for one datagram; notes its frame timing on the way (`frame`: the frame the loss tracker
    /// counted it towards).
    mutating func record(
        _ datagram: ReceivedDatagram, event: LiDARLossEvent, frame: UInt32?, timeBase: TimeBase
    ) -> RecordItem {
        // Re-pair the clocks once a second: REALTIME can be stepped or slewed by chrony.
        if pair == nil || datagram.receivedAt - (pair?.monotonic ?? datagram.receivedAt) > .seconds(1) {
            pair = HostClock.pairedReading()
        }
        let reference = pair ?? HostClock.pairedReading()
        let realtime =
            datagram.kernelRealtimeNanoseconds
            ?? reference.realtimeNanoseconds + (datagram.receivedAt.nanoseconds - reference.monotonic.nanoseconds)
        let host = MonotonicInstant(
            nanoseconds: reference.monotonic.nanoseconds + (realtime - reference.realtimeNanoseconds))
        let stamp = timeBase.stamp(host)
        switch event {
        case .ouster(let packet, _, _):
            timing.packet(
                frameID: packet.frameID, sensorTimestamp: packet.validColumns.first?.timestampNanoseconds,
                host: host, stamp: stamp)
        case .velodyne(let packet, _, _):
            if let frame {
                timing.packet(
                    frameID: frame, sensorTimestamp: UInt64(packet.timestampMicrosecondsPastHour), host: host,
                    stamp: stamp)
            }
        case .auxiliary:
            if case .velodyne(_, let positionPort) = setup.classifier.sensor, datagram.destination.port == positionPort,
                let position = try? VelodynePositionPacket(bytes: datagram.payload)
            {
                mapper.observe(velodynePPS: position.ppsStatus)
                if stamp.provenance != .hostOnly {
                    verdicts.add(
                        mapper.map(
                            sensorTimestamp: UInt64(position.timestampMicrosecondsPastHour), hostGPS: stamp.gps,
                            leapSeconds: timeBase.leapSeconds, hostSigmaNanoseconds: stamp.sigmaNanoseconds))
                }
            }
        default:
            break
        }
        let pcap = PcapUDPDatagram(
            source: PcapUDPEndpoint(datagram.source), destination: PcapUDPEndpoint(datagram.destination),
            payload: datagram.payload, receiveUnixNanoseconds: realtime)
        return .packet(file: setup.pcapFile, datagram: pcap, time: stamp.gps)
    }

    /// Frame messages for frames the tracker closed.
    mutating func close(_ frames: [LiDARFrameRecord], leapSeconds: Int) -> [(
        time: TimelineTime, body: LiDARFrameMessage
    )] {
        frames.compactMap { frame in
            guard let start = timing.close(frameID: frame.frameID) else { return nil }
            let mapping = start.sensorTimestamp.map {
                mapper.map(
                    sensorTimestamp: $0, hostGPS: start.stamp.gps, leapSeconds: leapSeconds,
                    hostSigmaNanoseconds: start.stamp.sigmaNanoseconds)
            }
            // Before any GNSS time the host path is no GPS reference: nothing to judge the sensor against.
            let judged = start.stamp.provenance != .hostOnly
            // Velodyne verdicts are counted per position packet (which carries the PPS state), not again per frame.
            if let mapping, judged, case .ouster = setup.classifier.sensor { verdicts.add(mapping) }
            let time = TimelineTime(start.stamp, leapSeconds: leapSeconds)
            var message = LiDARFrameMessage(
                time: time, sensorId: setup.sensor.id, frame: frame, packets: start.packets,
                sensorTimestamp: start.sensorTimestamp, mode: setup.timestampMode, mapping: mapping,
                hostReceive: start.host)
            if !judged { message.sync = "unknown" }
            return (time, message)
        }
    }
}

/// How often each sync verdict was reached, and the latest mapping, for status.
struct LiDARSyncCounts: Sendable {
    var synchronised: Int64 = 0
    var offset: Int64 = 0
    var unsynchronised: Int64 = 0
    var last: LiDARTimeMapping?

    mutating func add(_ mapping: LiDARTimeMapping) {
        switch mapping.verdict {
        case .synchronised: synchronised += 1
        case .offset: offset += 1
        case .unsynchronised: unsynchronised += 1
        }
        last = mapping
    }
}

extension PcapUDPEndpoint {
    init(_ endpoint: IPv4Endpoint) {
        let a = endpoint.address
        self.init(
            address: PcapIPv4Address(
                UInt8(truncatingIfNeeded: a >> 24), UInt8(truncatingIfNeeded: a >> 16),
                UInt8(truncatingIfNeeded: a >> 8),
                UInt8(truncatingIfNeeded: a)),
            port: endpoint.port)
    }
}
