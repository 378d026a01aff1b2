/// Byte-order helpers for the binary formats in `Bundle/` (pcap may be either order; IP headers are big-endian).
enum ByteOrder: Equatable, Sendable {
    case little, big

    init(bigEndian: Bool) { self = bigEndian ? .big : .little }

    func append(_ v: UInt16, to out: inout [UInt8]) {
        switch self {
        // Element appends, not `+= [...]`: no temporary array on the per-record path.
        case .little:
            out.append(UInt8(v & 0xFF))
            out.append(UInt8(v >> 8))
        case .big:
            out.append(UInt8(v >> 8))
            out.append(UInt8(v & 0xFF))
        }
    }

    func append(_ v: UInt32, to out: inout [UInt8]) {
        switch self {
        case .little:
            append(UInt16(v & 0xFFFF), to: &out)
            append(UInt16(v >> 16), to: &out)
        case .big:
            append(UInt16(v >> 16), to: &out)
            append(UInt16(v & 0xFFFF), to: &out)
        }
    }

    /// Reads a u16 at `i`; the caller has checked bounds.
    func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
        switch self {
        case .little: UInt16(b[i]) | UInt16(b[i + 1]) << 8
        case .big: UInt16(b[i]) << 8 | UInt16(b[i + 1])
        }
    }

    /// Reads a u32 at `i`; the caller has checked bounds.
    func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        switch self {
        case .little: UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
        case .big: UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
        }
    }
}
