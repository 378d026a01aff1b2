/// Velodyne's product id byte (payload offset 1205 of a data packet).
public struct VelodyneProduct: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let hdl32E = VelodyneProduct(rawValue: 0x21)
    public static let vlp16 = VelodyneProduct(rawValue: 0x22)
    public static let puckHiRes = VelodyneProduct(rawValue: 0x24)
    public static let vlp32C = VelodyneProduct(rawValue: 0x28)
    public static let velarray = VelodyneProduct(rawValue: 0x31)
    /// VLS-128 (Alpha Prime). Sources disagree between 0xA1 and 0x63; both are accepted as VLS-128.
    public static let vls128 = VelodyneProduct(rawValue: 0xA1)
    public static let vls128Alternate = VelodyneProduct(rawValue: 0x63)

    public var name: String? {
        switch rawValue {
        case 0x21: "HDL-32E"
        case 0x22: "VLP-16"
        case 0x24: "Puck Hi-Res"
        case 0x28: "VLP-32C"
        case 0x31: "Velarray"
        case 0xA1, 0x63: "VLS-128"
        default: nil
        }
    }

    /// Nominal spacing of consecutive data packets' timestamps in single-return mode, in ns, from the firing
    /// timing in the manuals (12 blocks per packet). `nil` when Takt does not know the product's timing.
    public var singleReturnPacketPeriodNanoseconds: Int64? {
        switch rawValue {
        case 0x22, 0x24: 1_327_104  // 24 firing sequences × 55.296 µs
        case 0x28: 663_552  // 12 × 55.296 µs
        case 0x21: 552_960  // 12 × 46.08 µs
        default: nil
        }
    }

    public var description: String { name ?? "unknown product 0x" + String(rawValue, radix: 16) }
}

/// Return mode byte (payload offset 1204).
public struct VelodyneReturnMode: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let strongest = VelodyneReturnMode(rawValue: 0x37)
    public static let last = VelodyneReturnMode(rawValue: 0x38)
    public static let dual = VelodyneReturnMode(rawValue: 0x39)

    /// Dual-return packets carry each firing twice, so they come twice as often for the same rotation.
    public var isDual: Bool { rawValue == 0x39 || rawValue == 0x3B }
}
