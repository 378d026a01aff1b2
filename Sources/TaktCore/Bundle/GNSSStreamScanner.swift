/// Streaming walk over a receiver byte stream that mixes UBX frames and NMEA sentences (what a u-blox emits on one
/// port). The valid prefix ends after the last checksum-valid UBX frame or complete checksum-valid NMEA sentence;
/// anything else is noise that is skipped byte by byte (and kept in the file: the archive is byte-exact).
struct GNSSStreamScanner: Sendable {
    /// NMEA 0183 allows 82 characters; u-blox PUBX and high-precision sentences run longer, so allow slack.
    static let maxSentenceLength = 512

    private var buffer: [UInt8] = []
    private var bufferOffset: Int64 = 0
    private var cursor = 0
    private var unframedSinceLastRecord: Int64 = 0
    private var result = RawScanResult()

    mutating func consume(_ bytes: [UInt8]) {
        result.totalLength += Int64(bytes.count)
        buffer += bytes
        walk(final: false)
        if cursor > 0 {
            buffer.removeFirst(cursor)
            bufferOffset += Int64(cursor)
            cursor = 0
        }
    }

    func finish() -> RawScanResult {
        var copy = self
        copy.walk(final: true)
        return copy.result
    }

    /// Advances over every decidable position. Without `final`, stops where the answer depends on bytes not yet
    /// pushed; with it, such a position is noise.
    private mutating func walk(final: Bool) {
        while cursor < buffer.count {
            switch buffer[cursor] {
            case UBXFrame.sync1:
                switch UBXFrame.probe(buffer, at: cursor) {
                case .frame(let length):
                    recordFound(length: length)
                    result.ubxFrames += 1
                case .needMoreData where !final:
                    return
                case .needMoreData, .invalid:
                    skip()
                }
            case UInt8(ascii: "$"):
                switch Self.sentence(buffer, at: cursor) {
                case .some(let length):
                    recordFound(length: length)
                    result.nmeaSentences += 1
                case .none:
                    // Not yet a whole line and still short enough to become one: wait for more bytes.
                    let undecided = buffer.count - cursor < Self.maxSentenceLength && !buffer[cursor...].contains(0x0A)
                    if undecided && !final { return }
                    skip()
                }
            default:
                skip()
            }
        }
    }

    private mutating func recordFound(length: Int) {
        cursor += length
        result.records += 1
        result.interiorUnframedBytes += unframedSinceLastRecord
        unframedSinceLastRecord = 0
        result.validPrefixLength = bufferOffset + Int64(cursor)
    }

    private mutating func skip() {
        cursor += 1
        unframedSinceLastRecord += 1
    }

    /// Length of a complete checksum-valid sentence `$body*HH\r\n` (or `\n`) at `start`, else `nil`.
    static func sentence(_ b: [UInt8], at start: Int) -> Int? {
        var i = start + 1
        var sum: UInt8 = 0
        let limit = min(b.count, start + maxSentenceLength)
        while i < limit, b[i] != UInt8(ascii: "*") {
            let c = b[i]
            guard c >= 0x20, c <= 0x7E, c != UInt8(ascii: "$") else { return nil }
            sum ^= c
            i += 1
        }
        guard i < limit, i + 3 < b.count, let hi = hexValue(b[i + 1]), let lo = hexValue(b[i + 2]), hi << 4 | lo == sum
        else {
            return nil
        }
        var end = i + 3
        if b[end] == 0x0D {
            end += 1
            guard end < b.count else { return nil }
        }
        guard b[end] == 0x0A else { return nil }
        return end + 1 - start
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
