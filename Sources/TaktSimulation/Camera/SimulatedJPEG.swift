/// The simulated camera's image: one real equirectangular JPEG (hw/sim/equirect-512x256.jpg) with the trigger's
/// sequence number stamped in a COM segment right after SOI, so each image is distinct, still a valid JPEG, and the
/// recorded file can be compared byte for byte with what the "camera" sent.
public enum SimulatedJPEG {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notAJPEG(firstBytes: [UInt8])
        public var description: String {
            switch self {
            case .notAJPEG(let b): "the simulated camera fixture does not start with a JPEG SOI marker (starts \(b))"
            }
        }
    }

    /// `base` with a COM segment carrying `comment` inserted after SOI.
    public static func stamped(_ base: [UInt8], comment: String) throws(Failure) -> [UInt8] {
        guard base.count >= 4, base[0] == 0xFF, base[1] == 0xD8 else { throw .notAJPEG(firstBytes: Array(base.prefix(4))) }
        let text = Array(comment.utf8.prefix(65_000))
        let length = text.count + 2
        var out: [UInt8] = [0xFF, 0xD8, 0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)]
        out.reserveCapacity(base.count + text.count + 4)
        out += text
        out += base[2...]
        return out
    }
}
