/// A decoded Velodyne data packet (VLP-16, VLP-32C, HDL-32E, VLS-128: 12 firing blocks + timestamp + factory bytes).
///
/// Channel records are left in the raw payload; Takt records packets verbatim and needs only timing, azimuth,
/// return mode and product. Usage: `let packet = try VelodyneDataPacket(bytes: payload)`.
public struct VelodyneDataPacket: Sendable, Hashable {
    /// Canonical data payload size.
    public static let size = 1206
    /// VLP-16-compatible sensors (LeiShen C16) that insert 6 bytes of UTC date/time before the timestamp.
    public static let utcStampedSize = 1212
    public static let blockCount = 12
    public static let microsecondsPerHour: UInt32 = 3_600_000_000

    public struct Block: Sendable, Hashable {
        /// Bytes `FF EE` on the wire, 0xEEFF read little-endian (0xDDFF/0xCCFF/0xBBFF for other banks).
        public var flag: UInt16
        /// Azimuth in 0.01° (0 ... 35999).
        public var azimuthHundredthsDegree: UInt16
    }

    public var blocks: [Block]
    /// Time of the first firing, µs past the top of the UTC hour (the hour itself comes from elsewhere).
    public var timestampMicrosecondsPastHour: UInt32
    public var returnMode: VelodyneReturnMode
    public var product: VelodyneProduct
    /// Only for 1212-byte packets: the raw 6 bytes (year, month, day, hour, minute, second) the sensor inserts.
    public var utcDateTimeBytes: [UInt8]?

    public init(bytes: [UInt8]) throws(VelodynePacketError) {
        guard bytes.count == Self.size || bytes.count == Self.utcStampedSize else {
            throw .sizeMismatch(expected: [Self.size, Self.utcStampedSize], actual: bytes.count)
        }
        let reader = LittleEndianReader(bytes)
        var blocks: [Block] = []
        blocks.reserveCapacity(Self.blockCount)
        for index in 0..<Self.blockCount {
            let flag = reader.u16(index * 100) ?? 0
            let azimuth = reader.u16(index * 100 + 2) ?? 0
            guard flag & 0xFF == 0xFF, [0xEE, 0xDD, 0xCC, 0xBB].contains(flag >> 8) else {
                throw .badBlockFlag(block: index, flag: flag)
            }
            guard azimuth <= 35999 else { throw .azimuthOutOfRange(block: index, azimuth: azimuth) }
            blocks.append(Block(flag: flag, azimuthHundredthsDegree: azimuth))
        }
        let tail = bytes.count == Self.utcStampedSize ? 1206 : 1200
        let timestamp = reader.u32(tail) ?? 0
        guard timestamp < Self.microsecondsPerHour else { throw .timestampOutOfRange(timestamp) }
        self.blocks = blocks
        timestampMicrosecondsPastHour = timestamp
        returnMode = VelodyneReturnMode(rawValue: reader.u8(tail + 4) ?? 0)
        product = VelodyneProduct(rawValue: reader.u8(tail + 5) ?? 0)
        utcDateTimeBytes = bytes.count == Self.utcStampedSize ? Array(bytes[1200..<1206]) : nil
    }

    /// First block's azimuth in degrees.
    public var azimuthDegrees: Double { Double(blocks.first?.azimuthHundredthsDegree ?? 0) / 100 }
}
