import Testing
import TaktCore

/// Forward compatibility (the suite's `pad` variants, which no official writer can produce): records grown with
/// extra trailing bytes and unknown opcodes must read as the same records, in any feeding pattern.
@Suite struct MCAPPaddingTests {
    /// What a padded file must read as: the plain file's records with the private record after the Header and
    /// the zeroed CRCs.
    static func expectedRecords(_ plain: [UInt8]) throws -> [MCAPRecord] {
        var out: [MCAPRecord] = []
        for record in try MCAPReader.records(in: plain) {
            switch record {
            case .dataEnd: out.append(.dataEnd(MCAPDataEnd(dataSectionCRC: 0)))
            case .footer(var footer):
                footer.summaryCRC = 0
                out.append(.footer(footer))
            default: out.append(record)
            }
            if case .header = record { out.append(MCAPPadding.privateRecord) }
        }
        return out
    }

    static func readInPieces(_ bytes: [UInt8], seed: UInt64) throws -> [MCAPRecord] {
        var reader = MCAPStreamedReader()
        var rng = SeededRandom(seed: seed)
        var out: [MCAPRecord] = []
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + Int.random(in: 1...40, using: &rng))
            reader.append(bytes[i..<end])
            i = end
            while let record = try reader.nextRecord() { out.append(record) }
        }
        #expect(reader.isFinished)
        return out
    }

    @Test(arguments: [[0x00], [0xAB, 0xCD, 0xEF, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08], Array(repeating: 0x7F, count: 100)] as [[UInt8]])
    func paddedSuiteVariantsReadAsTheirPlainRecords(padding: [UInt8]) throws {
        var checked = 0
        for variant in try MCAPConformanceVariant.all() where !variant.isPadded {
            let plain = MCAPWriterConformanceTests.write(variant)
            let padded = MCAPPadding.pad(plain, padding: padding)
            #expect(padded.count > plain.count)
            let expected = try Self.expectedRecords(plain)
            #expect(try MCAPReader.records(in: padded) == expected, "\(variant)")
            #expect(try Self.readInPieces(padded, seed: UInt64(checked)) == expected, "\(variant) in pieces")
            checked += 1
        }
        #expect(checked == 208)
    }

    @Test func paddedTaktTimelineKeepsEveryMessage() throws {
        let recording = TaktLikeRecording.make(seconds: 3, seed: 3)
        let padded = MCAPPadding.pad(recording.bytes, padding: Array(repeating: 0xEE, count: 13))
        #expect(try MCAPReader.records(in: padded) == Self.expectedRecords(recording.bytes))
        #expect(try MCAPReader.messages(in: padded).count == recording.messages.count)
    }
}
