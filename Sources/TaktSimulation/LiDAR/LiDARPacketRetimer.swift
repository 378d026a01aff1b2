public import TaktCore

/// Rewrites sensor timestamps in replayed packets so a recorded stream carries the simulated drive's time, while
/// keeping every inter-packet and inter-column spacing of the original.
///
/// Ouster: every column timestamp (and the three IMU timestamps) is shifted by one constant so the stream starts
/// at `start`. Velodyne: the µs-past-the-hour field of data and position packets is rebased the same way, modulo
/// the hour. Ports are the capture's ports (the replayer retimes before mapping them).
public struct LiDARPacketRetimer: Sendable, Hashable {
    public enum Sensor: Sendable, Hashable {
        /// `startNanoseconds`: sensor time of the first replayed column (e.g. GPS-epoch ns of the simulated drive).
        case ouster(format: OusterPacketFormat, lidarPort: UInt16, imuPort: UInt16, startNanoseconds: UInt64)
        case velodyne(dataPort: UInt16, positionPort: UInt16, startMicrosecondsPastHour: UInt32)
    }

    public let sensor: Sensor
    private var shift: Int64?

    public init(sensor: Sensor) { self.sensor = sensor }

    /// The payload with its time fields rewritten; packets that do not decode pass through unchanged (garbage stays
    /// garbage).
    public mutating func retime(_ payload: [UInt8], port: UInt16) -> [UInt8] {
        switch sensor {
        case .ouster(let format, let lidarPort, let imuPort, let start):
            if port == lidarPort, let packet = try? OusterLidarPacket(bytes: payload, format: format),
                let first = packet.columns.first
            {
                let delta = shiftFor(
                    original: Int64(bitPattern: first.timestampNanoseconds), target: Int64(bitPattern: start))
                var bytes = payload
                for index in 0..<packet.columns.count {
                    let offset = format.profile.packetHeaderSize + index * format.columnSize
                    addNanoseconds(delta, at: offset, in: &bytes)
                }
                return bytes
            }
            if port == imuPort, let imu = try? OusterIMUPacket(bytes: payload) {
                let delta = shiftFor(
                    original: Int64(bitPattern: imu.systemTimestampNanoseconds), target: Int64(bitPattern: start))
                var bytes = payload
                for offset in [0, 8, 16] { addNanoseconds(delta, at: offset, in: &bytes) }
                return bytes
            }
        case .velodyne(let dataPort, let positionPort, let start):
            let hour = Int64(VelodyneDataPacket.microsecondsPerHour)
            let field: (offset: Int, value: UInt32)?
            if port == dataPort, let packet = try? VelodyneDataPacket(bytes: payload) {
                field = (
                    payload.count == VelodyneDataPacket.utcStampedSize ? 1206 : 1200,
                    packet.timestampMicrosecondsPastHour
                )
            } else if port == positionPort, let packet = try? VelodynePositionPacket(bytes: payload) {
                field = (198, packet.timestampMicrosecondsPastHour)
            } else {
                field = nil
            }
            if let field {
                let delta = shiftFor(original: Int64(field.value), target: Int64(start))
                let value = UInt32((Int64(field.value) + delta).floorModulo(hour))
                var bytes = payload
                for byte in 0..<4 { bytes[field.offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
                return bytes
            }
        }
        return payload
    }

    /// The constant shift, fixed by the first packet that carries a time.
    private mutating func shiftFor(original: Int64, target: Int64) -> Int64 {
        if let shift { return shift }
        let value = target &- original
        shift = value
        return value
    }

    private func addNanoseconds(_ delta: Int64, at offset: Int, in bytes: inout [UInt8]) {
        var value: UInt64 = 0
        for byte in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + byte]) }
        value = UInt64(bitPattern: Int64(bitPattern: value) &+ delta)
        for byte in 0..<8 { bytes[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
    }
}

extension Int64 {
    fileprivate func floorModulo(_ modulus: Int64) -> Int64 {
        let remainder = self % modulus
        return remainder < 0 ? remainder + modulus : remainder
    }
}
