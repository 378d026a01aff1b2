extension LiDARPacketClassifier {
    /// Why `event(payload:port:at:)` called a datagram malformed, in words an operator can act on: the decoder's
    /// error for the port it came in on (truncated, oversized, bad structure), or that it is the other port's kind
    /// of packet (a sensor or forwarder sending to the wrong port). Only called for rejected datagrams, so the
    /// second decode costs nothing on the normal path.
    public func rejection(payload: [UInt8], port: UInt16) -> String {
        let size = "\(payload.count) B on port \(port)"
        switch sensor {
        case .ouster(let format, let lidarPort, let imuPort):
            let isLidar = (try? OusterLidarPacket(bytes: payload, format: format)) != nil
            let isIMU = (try? OusterIMUPacket(bytes: payload)) != nil
            if port == lidarPort {
                if isIMU { return "\(size): an Ouster IMU packet on the lidar port (IMU port is \(imuPort))" }
                do { _ = try OusterLidarPacket(bytes: payload, format: format) } catch { return "\(size): \(error)" }
            } else if port == imuPort {
                if isLidar { return "\(size): an Ouster lidar packet on the IMU port (lidar port is \(lidarPort))" }
                do { _ = try OusterIMUPacket(bytes: payload) } catch { return "\(size): \(error)" }
            } else {
                return "\(size): not a port of this sensor (lidar \(lidarPort), IMU \(imuPort))"
            }
        case .velodyne(let dataPort, let positionPort):
            let isData = (try? VelodyneDataPacket(bytes: payload)) != nil
            let isPosition = (try? VelodynePositionPacket(bytes: payload)) != nil
            if port == dataPort {
                if isPosition {
                    return "\(size): a Velodyne position packet on the data port (position is \(positionPort))"
                }
                do { _ = try VelodyneDataPacket(bytes: payload) } catch { return "\(size): \(error)" }
            } else if port == positionPort {
                if isData { return "\(size): a Velodyne data packet on the position port (data is \(dataPort))" }
                do { _ = try VelodynePositionPacket(bytes: payload) } catch { return "\(size): \(error)" }
            } else {
                return "\(size): not a port of this sensor (data \(dataPort), position \(positionPort))"
            }
        }
        return "\(size): accepted"
    }
}
