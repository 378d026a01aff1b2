/// Decides whether a downloaded object is complete enough to delete it from the camera: the byte count must equal
/// ObjectInfo's ObjectCompressedSize and a JPEG must start with SOI (FFD8) and end with EOI (FFD9, possibly followed
/// by padding zeros some cameras append). Deleting anything else could lose the only copy of an image.
public enum PTPDownloadCheck: Hashable, Sendable {
    case verified
    case sizeMismatch(expected: UInt32, received: Int)
    case notJPEG(startsWithSOI: Bool, endsWithEOI: Bool)

    public static func check(_ data: [UInt8], against info: PTPObjectInfo) -> Self {
        if info.compressedSize != 0xFFFF_FFFF, Int(info.compressedSize) != data.count {
            return .sizeMismatch(expected: info.compressedSize, received: data.count)
        }
        guard info.objectFormat == .exifJPEG else { return .verified }
        let soi = data.count >= 2 && data[0] == 0xFF && data[1] == 0xD8
        var end = data.count
        while end > 2, data[end - 1] == 0 { end -= 1 }
        let eoi = end >= 4 && data[end - 2] == 0xFF && data[end - 1] == 0xD9
        return soi && eoi ? .verified : .notJPEG(startsWithSOI: soi, endsWithEOI: eoi)
    }
}
