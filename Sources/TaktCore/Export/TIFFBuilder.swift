/// A little-endian TIFF structure (as EXIF uses inside APP1): IFD0 with optional Exif and GPS sub-IFDs.
///
/// Sizes do not depend on offsets, so the layout is computed first and the sub-IFD pointers patched in; values
/// longer than four bytes follow each entry table, word-aligned as TIFF 6.0 requires.
struct TIFFBuilder {
    enum FieldType: UInt16 {
        case byte = 1, ascii = 2, short = 3, long = 4, rational = 5, undefined = 7
    }

    struct Entry {
        var tag: UInt16
        var type: FieldType
        var count: UInt32
        var data: [UInt8]

        static func ascii(_ tag: UInt16, _ s: String) -> Entry {
            let bytes = Array(s.utf8) + [0]
            return Entry(tag: tag, type: .ascii, count: UInt32(bytes.count), data: bytes)
        }
        static func bytes(_ tag: UInt16, _ b: [UInt8]) -> Entry {
            Entry(tag: tag, type: .byte, count: UInt32(b.count), data: b)
        }
        static func undefined(_ tag: UInt16, _ b: [UInt8]) -> Entry {
            Entry(tag: tag, type: .undefined, count: UInt32(b.count), data: b)
        }
        static func long(_ tag: UInt16, _ v: UInt32) -> Entry {
            Entry(tag: tag, type: .long, count: 1, data: le32(v))
        }
        static func rationals(_ tag: UInt16, _ values: [(UInt32, UInt32)]) -> Entry {
            Entry(tag: tag, type: .rational, count: UInt32(values.count), data: values.flatMap { le32($0.0) + le32($0.1) })
        }
    }

    static let exifPointerTag: UInt16 = 0x8769
    static let gpsPointerTag: UInt16 = 0x8825

    var ifd0: [Entry]
    var exif: [Entry]
    var gps: [Entry]

    func encode() -> [UInt8] {
        var ifd0 = self.ifd0
        if !exif.isEmpty { ifd0.append(.long(Self.exifPointerTag, 0)) }
        if !gps.isEmpty { ifd0.append(.long(Self.gpsPointerTag, 0)) }
        let ifd0Offset = 8
        let exifOffset = ifd0Offset + Self.size(ifd0)
        let gpsOffset = exifOffset + (exif.isEmpty ? 0 : Self.size(exif))
        for i in ifd0.indices {
            if ifd0[i].tag == Self.exifPointerTag { ifd0[i].data = Self.le32(UInt32(exifOffset)) }
            if ifd0[i].tag == Self.gpsPointerTag { ifd0[i].data = Self.le32(UInt32(gpsOffset)) }
        }
        var out: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + Self.le32(UInt32(ifd0Offset))
        out += Self.encode(ifd0, at: ifd0Offset)
        if !exif.isEmpty { out += Self.encode(exif, at: exifOffset) }
        if !gps.isEmpty { out += Self.encode(gps, at: gpsOffset) }
        return out
    }

    static func size(_ entries: [Entry]) -> Int {
        2 + 12 * entries.count + 4 + entries.reduce(0) { $0 + ($1.data.count > 4 ? padded($1.data.count) : 0) }
    }

    static func padded(_ n: Int) -> Int { n + (n & 1) }

    static func encode(_ unsorted: [Entry], at offset: Int) -> [UInt8] {
        let entries = unsorted.sorted { $0.tag < $1.tag }
        var table: [UInt8] = le16(UInt16(entries.count))
        var data: [UInt8] = []
        let dataStart = offset + 2 + 12 * entries.count + 4
        for e in entries {
            table += le16(e.tag) + le16(e.type.rawValue) + le32(e.count)
            if e.data.count <= 4 {
                table += e.data + [UInt8](repeating: 0, count: 4 - e.data.count)
            } else {
                table += le32(UInt32(dataStart + data.count))
                data += e.data
                if e.data.count & 1 == 1 { data.append(0) }
            }
        }
        table += le32(0)  // no next IFD
        return table + data
    }

    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func le32(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }
}
