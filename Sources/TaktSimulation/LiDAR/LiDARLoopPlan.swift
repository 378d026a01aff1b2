public import TaktCore

/// How the simulator loops a short real capture into an endless sensor stream: each loop is the capture again,
/// `period` later, its frame ids advanced by `framesPerLoop` and its column times moved to the simulated drive's
/// GPS time in the sensor's timestamp mode. Pure, so the stream is testable without sockets.
public struct LiDARLoopPlan: Sendable {
    public struct Packet: Sendable {
        public var offset: Duration
        public var originalPort: UInt16
        public var payload: [UInt8]
    }

    public let packets: [Packet]
    public let format: OusterPacketFormat
    public let lidarPort: UInt16
    public let imuPort: UInt16
    public let framesPerLoop: UInt32
    public let period: Duration
    public let mode: LiDARTimestampMode

    public init(capture: [UInt8], metadata: OusterMetadata, mode: LiDARTimestampMode) throws(LiDARReplayError) {
        let datagrams: [CapturedUDPDatagram]
        do { datagrams = try PcapCaptureReader.udpDatagrams(in: capture) } catch { throw .capture(error.description) }
        format = metadata.format
        var frames: [UInt32] = []
        var lidar: UInt16?
        var imu: UInt16?
        for d in datagrams {
            if let p = try? OusterLidarPacket(bytes: d.payload, format: metadata.format) {
                frames.append(p.frameID)
                lidar = lidar ?? d.destinationPort
            } else if d.payload.count == OusterPacketFormat.imuPacketSize {
                imu = imu ?? d.destinationPort
            }
        }
        guard let lidarPort = lidar, let low = frames.min(), let high = frames.max() else {
            throw .capture("no lidar packet matches the metadata's format")
        }
        self.lidarPort = lidarPort
        imuPort = imu ?? 0
        framesPerLoop = high - low + 1
        let start = datagrams.first?.timestampNanoseconds ?? 0
        packets = datagrams.map {
            Packet(
                offset: .nanoseconds($0.timestampNanoseconds - start), originalPort: $0.destinationPort,
                payload: $0.payload)
        }
        let rate = Int64(metadata.frameRateHz ?? 10)
        period = .nanoseconds(Int64(framesPerLoop) * 1_000_000_000 / max(rate, 1))
        self.mode = mode
    }

    /// The sensor's own timestamp for GPS time `gps` in its mode (internal oscillator: time since the simulation's
    /// GPS origin, as if the sensor powered up then).
    public func sensorTime(gps: GPSTime, origin: GPSTime, leapSeconds: Int) -> UInt64 {
        let ns = gps.nanosecondsSinceEpoch
        return switch mode {
        case .ousterPTP:
            UInt64(clamping: ns + (GPSTime.unixEpochOffsetSeconds + GPSTime.taiMinusGPSSeconds) * 1_000_000_000)
        case .ousterSyncPulse:
            UInt64(clamping: gps.unixUTCNanoseconds(leapSeconds: leapSeconds))
        case .ousterInternalOscillator, .velodyneTopOfHour:
            UInt64(clamping: ns - origin.nanosecondsSinceEpoch)
        }
    }

    /// Loop `loop`'s packets, retimed so the first column reads `firstColumnSensorTime`.
    public func payloads(loop: Int, firstColumnSensorTime: UInt64) -> [(
        offset: Duration, port: UInt16, payload: [UInt8]
    )] {
        var retimer = LiDARPacketRetimer(
            sensor: .ouster(
                format: format, lidarPort: lidarPort, imuPort: imuPort, startNanoseconds: firstColumnSensorTime))
        let delta = UInt32(truncatingIfNeeded: loop) &* framesPerLoop
        return packets.map { p in
            var bytes = retimer.retime(p.payload, port: p.originalPort)
            if p.originalPort == lidarPort {
                bytes = OusterFrameRenumbering.renumber(bytes, format: format, adding: delta)
            }
            return (p.offset, p.originalPort, bytes)
        }
    }
}
