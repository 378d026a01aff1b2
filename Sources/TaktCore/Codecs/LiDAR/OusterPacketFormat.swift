/// The byte layout of one Ouster sensor's packets, derived from its metadata.
public struct OusterPacketFormat: Sendable, Hashable, Codable {
    public var profile: OusterUDPProfile
    public var columnsPerPacket: Int
    public var pixelsPerColumn: Int
    /// Columns in one full rotation (the lidar mode's horizontal resolution); measurement ids run 0..<this.
    public var columnsPerFrame: Int

    /// Size of the legacy IMU packet, the only IMU profile Takt decodes.
    public static let imuPacketSize = 48

    public init(profile: OusterUDPProfile, columnsPerPacket: Int, pixelsPerColumn: Int, columnsPerFrame: Int) {
        self.profile = profile
        self.columnsPerPacket = columnsPerPacket
        self.pixelsPerColumn = pixelsPerColumn
        self.columnsPerFrame = columnsPerFrame
    }

    /// Bytes of one column: header, pixels, footer.
    public var columnSize: Int {
        profile.columnHeaderSize + pixelsPerColumn * profile.pixelSize + profile.columnFooterSize
    }

    /// Exact size of a lidar packet in this format; anything else is malformed.
    public var lidarPacketSize: Int {
        profile.packetHeaderSize + columnsPerPacket * columnSize + profile.packetFooterSize
    }

    /// Packets in one full frame, when the frame divides evenly (it does for every Ouster lidar mode).
    public var packetsPerFrame: Int { columnsPerPacket > 0 ? columnsPerFrame / columnsPerPacket : 0 }
}
