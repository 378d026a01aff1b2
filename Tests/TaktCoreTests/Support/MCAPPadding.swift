import TaktCore

/// Builds "future writer" files for the forward-compatibility test: every known record except Message (whose
/// payload is the rest of the record) gets `padding` appended to its content, chunks get their inner records
/// padded (size and CRC recomputed), and a private-opcode record is inserted after the Header. The Data End and
/// footer CRCs are zeroed ("not computed"), since padding changes the bytes they cover.
enum MCAPPadding {
    static let privateRecord = MCAPRecord.unknown(opcode: 0x80, body: [0xDE, 0xAD, 0xBE, 0xEF])

    static func pad(_ file: [UInt8], padding: [UInt8]) -> [UInt8] {
        var out = Array(file[0..<8])
        var position = 8
        var first = true
        while position + 9 <= file.count {
            let opcode = file[position]
            let length = Int(le64(file, position + 1))
            var content = Array(file[(position + 9)..<(position + 9 + length)])
            position += 9 + length
            switch opcode {
            case 0x05:
                break
            case 0x06:
                content = padChunk(content, padding: padding) + padding
            case 0x0F:
                content = [0, 0, 0, 0] + padding
            case 0x02:
                content.replaceSubrange(16..<20, with: [0, 0, 0, 0])
                content += padding
            default:
                content += padding
            }
            out.append(opcode)
            out.append(contentsOf: le(UInt64(content.count)))
            out.append(contentsOf: content)
            if first {
                privateRecord.encode(into: &out)
                first = false
            }
        }
        out.append(contentsOf: file[position...])
        return out
    }

    private static func padChunk(_ content: [UInt8], padding: [UInt8]) -> [UInt8] {
        let compressionLength = Int(le32(content, 28))
        let recordsAt = 32 + compressionLength + 8
        let records = Array(content[recordsAt..<(recordsAt + Int(le64(content, recordsAt - 8)))])
        var padded: [UInt8] = []
        var p = 0
        while p + 9 <= records.count {
            let opcode = records[p]
            let length = Int(le64(records, p + 1))
            var inner = Array(records[(p + 9)..<(p + 9 + length)])
            if opcode != 0x05 { inner += padding }
            padded.append(opcode)
            padded.append(contentsOf: le(UInt64(inner.count)))
            padded.append(contentsOf: inner)
            p += 9 + length
        }
        var out = Array(content[0..<16])
        out += le(UInt64(padded.count))
        out += le(MCAPCRC32.checksum(padded))
        out += content[28..<(recordsAt - 8)]
        out += le(UInt64(padded.count))
        out += padded
        return out
    }

    private static func le64(_ b: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) }
    }

    private static func le32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) }
    }

    private static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
    }
}
