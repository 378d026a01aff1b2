/// The lidar UDP packet profile an Ouster sensor is configured with (`udp_profile_lidar` in its metadata).
///
/// The profile fixes the packet layout: whether there is a packet header/footer, the column header and pixel sizes,
/// and the width of the frame id. Takt decodes headers and column headers only, so the pixel size is all it needs
/// to know of the pixel fields.
public enum OusterUDPProfile: String, Sendable, Hashable, Codable, CaseIterable {
    /// FW < 2.2 layout: no packet header; 16 B column header, 12 B pixels, 4 B column status footer.
    case legacy = "LEGACY"
    case rng19Rfl8Sig16Nir16 = "RNG19_RFL8_SIG16_NIR16"
    case rng19Rfl8Sig16Nir16Dual = "RNG19_RFL8_SIG16_NIR16_DUAL"
    case rng15Rfl8Nir8 = "RNG15_RFL8_NIR8"
    case fiveWordPixel = "FIVE_WORD_PIXEL"
    /// Functional-safety profile: 8-bit packet type and a 32-bit frame id in the packet header.
    case fusaRng15Rfl8Nir8Dual = "FUSA_RNG15_RFL8_NIR8_DUAL"

    /// Bytes per pixel in one column.
    public var pixelSize: Int {
        switch self {
        case .legacy, .rng19Rfl8Sig16Nir16: 12
        case .rng19Rfl8Sig16Nir16Dual: 16
        case .rng15Rfl8Nir8: 4
        case .fiveWordPixel: 20
        case .fusaRng15Rfl8Nir8Dual: 8
        }
    }

    public var isLegacy: Bool { self == .legacy }
    public var isFuSa: Bool { self == .fusaRng15Rfl8Nir8Dual }

    public var packetHeaderSize: Int { isLegacy ? 0 : 32 }
    public var packetFooterSize: Int { isLegacy ? 0 : 32 }
    public var columnHeaderSize: Int { isLegacy ? 16 : 12 }
    public var columnFooterSize: Int { isLegacy ? 4 : 0 }

    /// The largest frame id before it wraps to 0.
    public var maxFrameID: UInt32 { isFuSa ? UInt32.max : UInt32(UInt16.max) }
}
