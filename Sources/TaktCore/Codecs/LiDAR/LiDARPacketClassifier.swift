/// Turns one received datagram (payload + local port + host time) into a loss-tracker event for its sensor.
///
/// The port says what the packet should be (lidar vs IMU, data vs position); the decoder then validates it. A
/// packet on an unexpected port, or one that fails to decode, becomes `.malformed` — counted, never dropped
/// silently.
public struct LiDARPacketClassifier: Sendable, Hashable {
    public enum Sensor: Sendable, Hashable {
        case ouster(format: OusterPacketFormat, lidarPort: UInt16, imuPort: UInt16)
        case velodyne(dataPort: UInt16, positionPort: UInt16)
    }

    public let sensor: Sensor

    public init(sensor: Sensor) { self.sensor = sensor }

    /// The sequencing the tracker for this sensor needs.
    public var sequencing: LiDARSequencing {
        switch sensor {
        case .ouster(let format, _, _): .ouster(format)
        case .velodyne: .velodyne(packetPeriodNanoseconds: nil)
        }
    }

    public func event(payload: [UInt8], port: UInt16, at time: MonotonicInstant) -> LiDARLossEvent {
        switch sensor {
        case .ouster(let format, let lidarPort, let imuPort):
            if port == lidarPort, let packet = try? OusterLidarPacket(bytes: payload, format: format) {
                return .ouster(packet, bytes: payload.count, at: time)
            }
            if port == imuPort, (try? OusterIMUPacket(bytes: payload)) != nil {
                return .auxiliary(bytes: payload.count, at: time)
            }
        case .velodyne(let dataPort, let positionPort):
            if port == dataPort, let packet = try? VelodyneDataPacket(bytes: payload) {
                return .velodyne(packet, bytes: payload.count, at: time)
            }
            if port == positionPort, (try? VelodynePositionPacket(bytes: payload)) != nil {
                return .auxiliary(bytes: payload.count, at: time)
            }
        }
        return .malformed(bytes: payload.count, at: time)
    }
}
