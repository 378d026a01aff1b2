/// A decoded Ouster lidar packet: header fields and column headers (pixels are left in the raw payload).
///
/// Usage: `let packet = try OusterLidarPacket(bytes: payload, format: metadata.format)`. The decoder is pure and
/// validates size and structure; every failure is an `OusterPacketError`.
public struct OusterLidarPacket: Sendable, Hashable {
    /// 1 for lidar data; `nil` for the legacy profile, which has no packet header.
    public var packetType: UInt16?
    /// Rotation counter (16 bit, 32 bit for FuSa); for legacy packets the first column's frame id.
    public var frameID: UInt32
    /// Changes on every sensor re-initialisation or reboot: a restart is a new init id.
    public var initID: UInt32?
    public var serialNumber: UInt64?
    public var alertFlags: UInt8?
    public var countdownThermalShutdown: UInt8?
    public var countdownShotLimiting: UInt8?
    /// 0 = normal; non-zero = thermal shutdown imminent.
    public var thermalShutdown: UInt8?
    /// 0 = normal; non-zero = the sensor is limiting shots (reduced range).
    public var shotLimiting: UInt8?
    public var columns: [OusterColumnHeader]

    public init(bytes: [UInt8], format: OusterPacketFormat) throws(OusterPacketError) {
        guard bytes.count == format.lidarPacketSize else {
            throw .sizeMismatch(expected: format.lidarPacketSize, actual: bytes.count)
        }
        let reader = LittleEndianReader(bytes)
        let profile = format.profile
        var columns: [OusterColumnHeader] = []
        columns.reserveCapacity(format.columnsPerPacket)
        for index in 0..<format.columnsPerPacket {
            let base = profile.packetHeaderSize + index * format.columnSize
            let column: OusterColumnHeader
            if profile.isLegacy {
                column = OusterColumnHeader(
                    timestampNanoseconds: reader.u64(base) ?? 0, measurementID: reader.u16(base + 8) ?? 0,
                    status: reader.u32(base + format.columnSize - 4) ?? 0, frameID: reader.u16(base + 10) ?? 0,
                    encoderCount: reader.u32(base + 12) ?? 0)
            } else {
                column = OusterColumnHeader(
                    timestampNanoseconds: reader.u64(base) ?? 0, measurementID: reader.u16(base + 8) ?? 0,
                    status: UInt32(reader.u16(base + 10) ?? 0))
            }
            if column.isValid, Int(column.measurementID) >= format.columnsPerFrame {
                throw .measurementIDOutOfRange(
                    column: index, measurementID: column.measurementID, columnsPerFrame: format.columnsPerFrame)
            }
            columns.append(column)
        }
        self.columns = columns
        if profile.isLegacy {
            let first = columns.first?.frameID ?? 0
            for (index, column) in columns.enumerated() where column.isValid && column.frameID != first {
                throw .inconsistentFrameID(column: index, expected: first, found: column.frameID ?? 0)
            }
            frameID = UInt32(first)
            return
        }
        if profile.isFuSa {
            packetType = UInt16(reader.u8(0) ?? 0)
            initID = reader.unsigned(at: 1, width: 3).map { UInt32($0) }
            frameID = reader.u32(4) ?? 0
            alertFlags = reader.u8(8)
            serialNumber = reader.unsigned(at: 11, width: 5)
        } else {
            packetType = reader.u16(0)
            frameID = UInt32(reader.u16(2) ?? 0)
            initID = reader.unsigned(at: 4, width: 3).map { UInt32($0) }
            serialNumber = reader.unsigned(at: 7, width: 5)
            alertFlags = reader.u8(12)
        }
        countdownThermalShutdown = reader.u8(16)
        countdownShotLimiting = reader.u8(17)
        thermalShutdown = reader.u8(18).map { $0 & 0x0F }
        shotLimiting = reader.u8(19).map { $0 & 0x0F }
        if let packetType, packetType != 1 { throw .unexpectedPacketType(packetType) }
    }

    /// Columns the sensor marked valid.
    public var validColumns: [OusterColumnHeader] { columns.filter(\.isValid) }
}
