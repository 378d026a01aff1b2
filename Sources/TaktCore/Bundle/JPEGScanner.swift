/// Checks that a JPEG is whole: SOI, length-prefixed marker segments, entropy-coded data after each SOS, and an
/// EOI. Bytes after the EOI (a multi-picture JPEG's second image, maker trailers) are the camera's and count as
/// part of the whole file. An image lacking its EOI has a valid prefix of 0: recovery moves it to `data/partial/`.
struct JPEGScanner: Sendable {
    /// Camera JPEGs are a few megabytes; they are checked in memory.
    private var bytes: [UInt8] = []

    mutating func consume(_ chunk: [UInt8]) { bytes += chunk }

    func finish() -> RawScanResult {
        let total = Int64(bytes.count)
        switch Self.endOfImage(bytes) {
        case .success:
            return RawScanResult(totalLength: total, validPrefixLength: total, records: 1)
        case .failure(let problem):
            return RawScanResult(totalLength: total, validPrefixLength: 0, records: 0, problems: [problem.description])
        }
    }

    enum Problem: Error, Equatable, CustomStringConvertible {
        case noStartOfImage
        case truncated(atOffset: Int)
        case badMarker(atOffset: Int)
        var description: String {
            switch self {
            case .noStartOfImage: "does not start with the JPEG SOI marker FFD8"
            case .truncated(let o): "ends at offset \(o) without the EOI marker FFD9 (truncated)"
            case .badMarker(let o): "expected a JPEG marker at offset \(o)"
            }
        }
    }

    /// Offset just after the EOI marker.
    static func endOfImage(_ b: [UInt8]) -> Result<Int, Problem> {
        guard b.count >= 2, b[0] == 0xFF, b[1] == 0xD8 else { return .failure(.noStartOfImage) }
        var i = 2
        while true {
            guard i + 1 < b.count else { return .failure(.truncated(atOffset: b.count)) }
            guard b[i] == 0xFF else { return .failure(.badMarker(atOffset: i)) }
            while i + 1 < b.count, b[i + 1] == 0xFF { i += 1 }  // fill bytes
            guard i + 1 < b.count else { return .failure(.truncated(atOffset: b.count)) }
            let marker = b[i + 1]
            if marker == 0xD9 { return .success(i + 2) }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {
                i += 2
                continue
            }
            guard i + 3 < b.count else { return .failure(.truncated(atOffset: b.count)) }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 2 else { return .failure(.badMarker(atOffset: i)) }
            i += 2 + length
            guard i <= b.count else { return .failure(.truncated(atOffset: b.count)) }
            if marker == 0xDA {
                // Entropy-coded data runs to the next marker that is neither a stuffed 00 nor a restart marker.
                while i + 1 < b.count {
                    if b[i] == 0xFF, b[i + 1] != 0x00, !(0xD0...0xD7).contains(b[i + 1]), b[i + 1] != 0xFF { break }
                    i += 1
                }
                guard i + 1 < b.count else { return .failure(.truncated(atOffset: b.count)) }
            }
        }
    }
}
