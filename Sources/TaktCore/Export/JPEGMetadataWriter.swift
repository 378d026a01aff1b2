/// Rewrites a JPEG's metadata segments: drops its APP1 Exif and XMP, inserts Takt's after SOI (and after a
/// leading JFIF APP0), and leaves every other byte — other segments, entropy-coded data, trailers — untouched.
public enum JPEGMetadataWriter {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notJPEG
        case truncated(offset: Int)
        case badMarker(offset: Int)
        case noFrameHeader
        case segmentTooLarge(bytes: Int)
        case invalidMetadata(String)

        public var description: String {
            switch self {
            case .notJPEG: "not a JPEG (no FFD8 start-of-image)"
            case .truncated(let o): "JPEG truncated at offset \(o)"
            case .badMarker(let o): "expected a JPEG marker at offset \(o)"
            case .noFrameHeader: "no SOF frame header before the scan: image size unknown"
            case .segmentTooLarge(let n): "metadata segment of \(n) bytes exceeds JPEG's 65 533-byte limit"
            case .invalidMetadata(let why): "cannot tag: \(why)"
            }
        }
    }

    static let exifHeader: [UInt8] = Array("Exif".utf8) + [0, 0]
    static let xmpHeader: [UInt8] = Array("http://ns.adobe.com/xap/1.0/".utf8) + [0]

    struct Segment {
        var marker: UInt8
        var bytes: [UInt8]
        var payload: ArraySlice<UInt8> { bytes[4...] }
    }

    /// The marker segments before the first scan, and the rest (SOS onward).
    static func split(_ b: [UInt8]) throws(Failure) -> (segments: [Segment], rest: ArraySlice<UInt8>) {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { throw .notJPEG }
        var i = 2
        var segments: [Segment] = []
        while true {
            guard i + 1 < b.count else { throw .truncated(offset: b.count) }
            guard b[i] == 0xFF else { throw .badMarker(offset: i) }
            var m = i
            while m + 1 < b.count, b[m + 1] == 0xFF { m += 1 }
            guard m + 1 < b.count else { throw .truncated(offset: b.count) }
            let marker = b[m + 1]
            if marker == 0xDA || marker == 0xD9 { return (segments, b[m...]) }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {
                i = m + 2
                continue
            }
            guard m + 3 < b.count else { throw .truncated(offset: b.count) }
            let length = Int(b[m + 2]) << 8 | Int(b[m + 3])
            guard length >= 2, m + 2 + length <= b.count else { throw .truncated(offset: m) }
            segments.append(Segment(marker: marker, bytes: [0xFF, marker] + b[(m + 2)..<(m + 2 + length)]))
            i = m + 2 + length
        }
    }

    /// Width and height from the first SOFn segment.
    public static func dimensions(of jpeg: [UInt8]) throws(Failure) -> (width: Int, height: Int) {
        let (segments, _) = try split(jpeg)
        let sof = segments.first { s in (0xC0...0xCF).contains(s.marker) && ![0xC4, 0xC8, 0xCC].contains(s.marker) }
        guard let sof, sof.bytes.count >= 9 else { throw .noFrameHeader }
        let b = sof.bytes
        return (Int(b[7]) << 8 | Int(b[8]), Int(b[5]) << 8 | Int(b[6]))
    }

    /// A copy of `jpeg` carrying `metadata` as EXIF and a GPano XMP packet.
    public static func publishReady(_ jpeg: [UInt8], metadata: PublishMetadata) throws(Failure) -> [UInt8] {
        try validate(metadata)
        let (segments, rest) = try split(jpeg)
        let (width, height) = try dimensions(of: jpeg)
        let exif = try app1(exifHeader + ExifBlock.tiff(metadata, width: width, height: height))
        let xmp = try app1(
            xmpHeader
                + Array(
                    GPanoXMP.packet(
                        width: width, height: height, heading: metadata.headingDegrees, pitch: metadata.pitchDegrees,
                        roll: metadata.rollDegrees
                    ).utf8))
        let kept = segments.filter { s in
            !(s.marker == 0xE1 && (s.payload.starts(with: exifHeader) || s.payload.starts(with: xmpHeader)))
        }
        let leadingJFIF = kept.prefix { $0.marker == 0xE0 }
        var out: [UInt8] = [0xFF, 0xD8]
        for s in leadingJFIF { out += s.bytes }
        out += exif + xmp
        for s in kept.dropFirst(leadingJFIF.count) { out += s.bytes }
        out += rest
        return out
    }

    /// Values EXIF can carry: a real position, a finite altitude within ±100 km, a capture time after 1970.
    static func validate(_ m: PublishMetadata) throws(Failure) {
        guard m.latitude.isFinite, abs(m.latitude) <= 90, m.longitude.isFinite, abs(m.longitude) <= 180 else {
            throw .invalidMetadata("position (\(m.latitude), \(m.longitude)) is not a latitude/longitude")
        }
        guard m.altitude.isFinite, abs(m.altitude) < 100_000 else {
            throw .invalidMetadata("altitude \(m.altitude) m is out of range")
        }
        guard m.captureUTCNanoseconds >= 0 else { throw .invalidMetadata("capture time is before 1970") }
    }

    static func app1(_ payload: [UInt8]) throws(Failure) -> [UInt8] {
        let length = payload.count + 2
        guard length <= 0xFFFF else { throw .segmentTooLarge(bytes: length) }
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
}
