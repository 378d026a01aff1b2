/// A decoded Ouster IMU packet (legacy IMU profile, 48 B, ~100 Hz on port 7503).
public struct OusterIMUPacket: Sendable, Hashable {
    /// Time the packet was assembled (sensor time base, ns).
    public var systemTimestampNanoseconds: UInt64
    public var accelerometerTimestampNanoseconds: UInt64
    public var gyroscopeTimestampNanoseconds: UInt64
    /// Linear acceleration, g.
    public var acceleration: SIMD3<Float>
    /// Angular velocity, deg/s.
    public var angularVelocity: SIMD3<Float>

    public init(bytes: [UInt8]) throws(OusterPacketError) {
        guard bytes.count == OusterPacketFormat.imuPacketSize else {
            throw .sizeMismatch(expected: OusterPacketFormat.imuPacketSize, actual: bytes.count)
        }
        let reader = LittleEndianReader(bytes)
        systemTimestampNanoseconds = reader.u64(0) ?? 0
        accelerometerTimestampNanoseconds = reader.u64(8) ?? 0
        gyroscopeTimestampNanoseconds = reader.u64(16) ?? 0
        acceleration = SIMD3(reader.f32(24) ?? 0, reader.f32(28) ?? 0, reader.f32(32) ?? 0)
        angularVelocity = SIMD3(reader.f32(36) ?? 0, reader.f32(40) ?? 0, reader.f32(44) ?? 0)
    }
}
