import Testing
import TaktCore

/// Error paths and small facts of the reader and the CRC: bad input gives a typed error with its offset.
@Suite struct MCAPStreamedReaderTests {
    static func smallFile(_ configure: (inout MCAPWriter) -> Void = { _ in }) -> [UInt8] {
        var writer = MCAPWriter()
        writer.start(profile: "takt", library: "tests")
        let schema = writer.registerSchema(name: "s", encoding: "jsonschema", data: Array("{}".utf8))
        let channel = writer.registerChannel(topic: "/t", messageEncoding: "json", schemaID: schema, metadata: [:])
        for i in 0..<10 {
            writer.addMessage(channelID: channel, sequence: UInt32(i), logTime: UInt64(i), publishTime: 0, data: Array("{\"i\":\(i)}".utf8))
        }
        configure(&writer)
        writer.finish()
        return writer.takeOutput()
    }

    static func readAll(_ bytes: [UInt8], validateCRCs: Bool = true) throws(MCAPReadError) -> [MCAPRecord] {
        var reader = MCAPStreamedReader(validateCRCs: validateCRCs)
        reader.append(bytes)
        var out: [MCAPRecord] = []
        while let r = try reader.nextRecord() { out.append(r) }
        return out
    }

    @Test func crc32MatchesZlibCheckValue() {
        #expect(MCAPCRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(MCAPCRC32.checksum([UInt8]()) == 0)
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var split = MCAPCRC32()
        split.update(data[..<333])
        split.update(data[333...])
        #expect(split.value == MCAPCRC32.checksum(data))
        var chained = MCAPCRC32(continuing: MCAPCRC32.checksum(data[..<7]))
        chained.update(data[7...])
        #expect(chained.value == MCAPCRC32.checksum(data))
    }

    @Test func rejectsBadMagic() {
        var bytes = Self.smallFile()
        bytes[1] = 0x4E
        #expect(throws: MCAPReadError.invalidMagic(offset: 0)) { try Self.readAll(bytes) }
    }

    @Test func flippedChunkByteIsAChunkCRCError() throws {
        var bytes = Self.smallFile()
        // The chunk starts after magic + header; change the last message's payload inside it.
        let header = 8 + 9 + 4 + 4 + 4 + 5
        let payload = Array("{\"i\":9}".utf8)
        let at = try #require((0...(bytes.count - payload.count)).first { bytes[$0..<($0 + payload.count)].elementsEqual(payload) })
        bytes[at + 5] = UInt8(ascii: "8")
        #expect {
            try Self.readAll(bytes)
        } throws: { error in
            guard case .chunkCRCMismatch(let offset, _, _) = error as? MCAPReadError else { return false }
            return offset == UInt64(header)
        }
        // Without CRC validation the damage goes unnoticed by the reader (it is the CRC that catches it).
        #expect(throws: Never.self) { try Self.readAll(bytes, validateCRCs: false) }
    }

    @Test func compressedChunkIsUnsupported() throws {
        var chunk: [UInt8] = []
        MCAPRecord.chunk(MCAPChunk(messageStartTime: 0, messageEndTime: 0, uncompressedSize: 10, uncompressedCRC: 0, compression: "zstd", records: [1, 2, 3])).encode(into: &chunk)
        var bytes = MCAPFormat.magic
        MCAPRecord.header(MCAPHeader(profile: "", library: "")).encode(into: &bytes)
        let offset = UInt64(bytes.count)
        bytes += chunk
        #expect(throws: MCAPReadError.unsupportedCompression("zstd", offset: offset)) { try Self.readAll(bytes) }
    }

    @Test func zeroTailIsAReservedOpcodeAndCorruptLengthIsTooLarge() {
        let good = Self.smallFile()
        // Cut after the header and fill with zeros, as a crash with preallocated space does.
        var zeros = Array(good[..<34])
        zeros += [UInt8](repeating: 0, count: 64)
        #expect(throws: MCAPReadError.reservedOpcode(offset: 34)) {
            var reader = MCAPStreamedReader()
            reader.append(zeros)
            while try reader.nextRecord() != nil {}
        }
        var huge = Array(good[..<8])
        huge += [0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(throws: MCAPReadError.recordTooLarge(opcode: 5, length: 0x7FFF_FFFF_FFFF_FFFF, offset: 8)) {
            try Self.readAll(huge)
        }
    }

    @Test func fieldRunningPastItsRecordIsTruncatedRecord() {
        var bytes = MCAPFormat.magic
        // A Header whose profile claims 100 bytes inside a 6-byte record.
        bytes += [0x01, 6, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 0, 0x41, 0x42]
        #expect(throws: MCAPReadError.truncatedRecord(opcode: 1, offset: 8)) { try Self.readAll(bytes) }
    }

    @Test func cutFileYieldsRecordsUpToTheCutThenWaits() throws {
        let good = Self.smallFile()
        var reader = MCAPStreamedReader()
        reader.append(good[..<(good.count - 30)])
        var records: [MCAPRecord] = []
        while let r = try reader.nextRecord() { records.append(r) }
        #expect(!reader.isFinished)
        #expect(reader.unconsumedByteCount > 0)
        #expect(records.filter { if case .message = $0 { true } else { false } }.count == 10)
        #expect(throws: MCAPReadError.unexpectedEnd(offset: reader.offset)) { try MCAPReader.records(in: Array(good[..<(good.count - 30)])) }
    }

    @Test func writerDrainedInPiecesEqualsOneDrain() {
        var a = MCAPWriter()
        var b = MCAPWriter()
        var pieces: [UInt8] = []
        a.start(profile: "p", library: "l")
        b.start(profile: "p", library: "l")
        pieces += a.takeOutput()
        let ca = a.registerChannel(topic: "/x", messageEncoding: "json", schemaID: 0, metadata: ["k": "v", "a": "b"])
        let cb = b.registerChannel(topic: "/x", messageEncoding: "json", schemaID: 0, metadata: ["a": "b", "k": "v"])
        for i in 0..<100 {
            a.addMessage(channelID: ca, sequence: UInt32(i), logTime: UInt64(i) * 10_000_000, publishTime: 0, data: [UInt8(i)])
            b.addMessage(channelID: cb, sequence: UInt32(i), logTime: UInt64(i) * 10_000_000, publishTime: 0, data: [UInt8(i)])
            if i % 25 == 24 {
                a.closeChunk()
                b.closeChunk()
                pieces += a.takeOutput()
            }
        }
        #expect(a.openChunkStartLogTime == nil)
        a.addMessage(channelID: ca, sequence: 100, logTime: 5, publishTime: 0, data: [])
        b.addMessage(channelID: cb, sequence: 100, logTime: 5, publishTime: 0, data: [])
        #expect(a.openChunkStartLogTime == 5)
        a.finish()
        b.finish()
        pieces += a.takeOutput()
        let whole = b.takeOutput()
        #expect(pieces == whole)
        #expect(a.bytesProduced == UInt64(whole.count))
        #expect(a.currentStatistics.chunkCount == 5)
    }
}
