/// A Velodyne sensor's data stream as the public layout and firing timing define it: which product, return mode
/// and spin rate, hence how often a data packet leaves the sensor and how far the head turns between two packets.
/// `packet(index:)` builds packet `index` of an endless stream byte for byte (12 blocks × 100 B, µs-past-the-hour
/// timestamp, return mode, product id), so the simulator and the capacity bench send real-structured packets with
/// a known ground truth of azimuths and timestamps.
///
/// ```swift
/// let model = VelodyneStreamModel(product: .vls128, rpm: 600)
/// let bytes = model.packet(index: 0, startMicrosecondsPastHour: 1_000_000)   // 1206 B, decodes as VLS-128
/// ```
public struct VelodyneStreamModel: Sendable, Hashable {
    public var product: VelodyneProduct
    public var returnMode: VelodyneReturnMode
    public var rpm: Double
    /// Azimuth of packet 0's first block, 0.01°.
    public var startAzimuthHundredths: Double

    public init(
        product: VelodyneProduct, returnMode: VelodyneReturnMode = .strongest, rpm: Double = 600,
        startAzimuthHundredths: Double = 0
    ) {
        self.product = product
        self.returnMode = returnMode
        self.rpm = rpm
        self.startAzimuthHundredths = startAzimuthHundredths
    }

    /// ns between consecutive data packets: the product's single-return period, halved in dual-return mode (each
    /// firing is sent twice). VLS-128 uses 3 firing sequences × 53.3 µs (ros-drivers' 6253.9 packets/s).
    public var packetPeriodNanoseconds: Int64 {
        let single = product.singleReturnPacketPeriodNanoseconds ?? Self.vls128PeriodNanoseconds
        return returnMode.isDual ? single / 2 : single
    }

    /// VLS-128 single return: 3 firing sequences of 53.3 µs per packet.
    public static let vls128PeriodNanoseconds: Int64 = 159_900

    public var packetsPerSecond: Double { 1e9 / Double(packetPeriodNanoseconds) }

    /// How far the head turns between two packets, 0.01°: 36000 × revolutions per second × packet period.
    public var azimuthStepHundredths: Double { 36000 * rpm / 60 * Double(packetPeriodNanoseconds) / 1e9 }

    /// Data packets per revolution (not an integer in general: frames alternate between its floor and ceiling).
    public var packetsPerRevolution: Double { 36000 / azimuthStepHundredths }

    /// Blocks sharing one firing group (one azimuth): VLS-128 fires 128 lasers over 4 blocks of 32 (bank flags
    /// `FF EE`, `FF DD`, `FF CC`, `FF BB`); dual return repeats each block for the second return.
    var blocksPerAzimuth: Int {
        let banks = product.name == "VLS-128" ? 4 : 1
        return returnMode.isDual ? banks * 2 : banks
    }

    /// First-block azimuth of packet `index`, as the sensor sends it (rounded to 0.01°, 0 ... 35999).
    public func azimuth(index: Int64) -> UInt16 {
        Self.wrapped(startAzimuthHundredths + Double(index) * azimuthStepHundredths)
    }

    /// Timestamp of packet `index`, µs past the hour, for a stream whose packet 0 reads `start`.
    public func timestamp(index: Int64, startMicrosecondsPastHour start: UInt32) -> UInt32 {
        let micros = Int64(start) + index * packetPeriodNanoseconds / 1000
        return UInt32(micros.floorMod(Int64(VelodyneDataPacket.microsecondsPerHour)))
    }

    /// Data packet `index`: every block's flag and azimuth per the layout, channel records with a 10 m return and a
    /// reflectivity that varies by channel, then the timestamp, return mode and product bytes.
    public func packet(index: Int64, startMicrosecondsPastHour start: UInt32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: VelodyneDataPacket.size)
        let banks: [UInt8] = [0xEE, 0xDD, 0xCC, 0xBB]
        let isVLS = product.name == "VLS-128"
        for block in 0..<VelodyneDataPacket.blockCount {
            let base = block * 100
            bytes[base] = 0xFF
            bytes[base + 1] = banks[isVLS ? (block % blocksPerAzimuth) % 4 : 0]
            for channel in 0..<32 {
                let offset = base + 4 + channel * 3
                let distance: UInt16 = isVLS ? 2500 : 5000  // 10 m in 4 mm (VLS-128) or 2 mm units
                bytes[offset] = UInt8(truncatingIfNeeded: distance)
                bytes[offset + 1] = UInt8(truncatingIfNeeded: distance >> 8)
                bytes[offset + 2] = UInt8(truncatingIfNeeded: 10 + channel)
            }
        }
        bytes[1204] = returnMode.rawValue
        bytes[1205] = product.rawValue
        retime(&bytes, index: index, startMicrosecondsPastHour: start)
        return bytes
    }

    /// Rewrites a packet built by `packet(index:startMicrosecondsPastHour:)` into packet `index`: only the block
    /// azimuths and the timestamp change along a stream, so a sender can reuse one buffer.
    public func retime(_ bytes: inout [UInt8], index: Int64, startMicrosecondsPastHour start: UInt32) {
        guard bytes.count >= VelodyneDataPacket.size else { return }
        let groups = VelodyneDataPacket.blockCount / blocksPerAzimuth
        let first = startAzimuthHundredths + Double(index) * azimuthStepHundredths
        for block in 0..<VelodyneDataPacket.blockCount {
            let group = block / blocksPerAzimuth
            let azimuth = Self.wrapped(first + Double(group) * azimuthStepHundredths / Double(groups))
            bytes[block * 100 + 2] = UInt8(truncatingIfNeeded: azimuth)
            bytes[block * 100 + 3] = UInt8(truncatingIfNeeded: azimuth >> 8)
        }
        let stamp = timestamp(index: index, startMicrosecondsPastHour: start)
        for byte in 0..<4 { bytes[1200 + byte] = UInt8(truncatingIfNeeded: stamp >> (8 * byte)) }
    }

    /// A 512-byte position packet: timestamp (µs past the hour) at 198, PPS status at 202, the NMEA sentence
    /// (with CR LF) from 206, NUL-padded.
    public static func positionPacket(
        microsecondsPastHour micros: UInt32, pps: VelodynePositionPacket.PPSStatus, sentence: String
    ) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: VelodynePositionPacket.size)
        for byte in 0..<4 { bytes[198 + byte] = UInt8(truncatingIfNeeded: micros >> (8 * byte)) }
        bytes[202] = pps.rawValue
        for (index, byte) in (sentence + "\r\n").utf8.prefix(VelodynePositionPacket.size - 206).enumerated() {
            bytes[206 + index] = byte
        }
        return bytes
    }

    private static func wrapped(_ hundredths: Double) -> UInt16 {
        let rounded = Int64(hundredths.rounded())
        return UInt16(rounded.floorMod(36000))
    }
}
