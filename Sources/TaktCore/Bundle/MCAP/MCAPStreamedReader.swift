/// A sans-I/O MCAP reader: push bytes in whatever pieces they arrive, pull whole records out.
///
/// Chunks are opened transparently: their Schema/Channel/Message records are yielded in place of the Chunk
/// (set `emitChunks` to also get the Chunk record itself first). Unknown opcodes are yielded as `.unknown`, and
/// trailing bytes added to known records by newer writers are skipped.
///
/// ```swift
/// var reader = MCAPStreamedReader()
/// for piece in pieces {
///     reader.append(piece)
///     while let record = try reader.nextRecord() { handle(record) }
/// }
/// // reader.isFinished is true once the footer and closing magic were read
/// ```
public struct MCAPStreamedReader {
    /// Records longer than this are treated as a corrupt length (python-mcap uses the same 4 GiB limit).
    public static let maxRecordLength: UInt64 = 4 << 30

    private enum Phase { case magic, records, trailingMagic, finished }

    private var buffer: [UInt8] = []
    private var position = 0
    /// File offset of `buffer[0]`.
    private var bufferBase: UInt64 = 0
    private var phase: Phase
    private var pending: [MCAPRecord] = []
    private var pendingIndex = 0
    private let validateCRCs: Bool
    private let emitChunks: Bool
    private var dataCRC = MCAPCRC32()
    private var summaryCRC = MCAPCRC32()
    private var pastDataEnd = false

    /// - Parameters:
    ///   - skipMagic: start directly at a record (the caller already consumed the leading magic).
    ///   - validateCRCs: verify chunk, attachment, data-section and summary CRCs where the file stores them.
    ///   - emitChunks: also yield each Chunk record before its inner records.
    public init(skipMagic: Bool = false, validateCRCs: Bool = true, emitChunks: Bool = false) {
        self.phase = skipMagic ? .records : .magic
        self.validateCRCs = validateCRCs
        self.emitChunks = emitChunks
    }

    /// True once the footer and the closing magic have been read.
    public var isFinished: Bool { phase == .finished }

    /// File offset of the next unread byte (everything before it has been turned into records).
    public var offset: UInt64 { bufferBase + UInt64(position) }

    /// Bytes appended but not yet consumed (a torn record at the end of a cut file).
    public var unconsumedByteCount: Int { buffer.count - position }

    /// Adds bytes from the stream.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if position > 65536 && position > buffer.count / 2 {
            buffer.removeSubrange(0..<position)
            bufferBase += UInt64(position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next record, or nil when more bytes are needed (or the file is finished).
    public mutating func nextRecord() throws(MCAPReadError) -> MCAPRecord? {
        while true {
            if pendingIndex < pending.count {
                defer { pendingIndex += 1 }
                return pending[pendingIndex]
            }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            switch phase {
            case .finished:
                return nil
            case .magic, .trailingMagic:
                guard buffer.count - position >= 8 else { return nil }
                guard buffer[position..<(position + 8)].elementsEqual(MCAPFormat.magic) else {
                    throw .invalidMagic(offset: offset)
                }
                if phase == .magic, validateCRCs { dataCRC.update(buffer[position..<(position + 8)]) }
                position += 8
                phase = phase == .magic ? .records : .finished
                if phase == .finished { return nil }
            case .records:
                guard let record = try readRecord() else { return nil }
                if let record { return record }
            }
        }
    }

    /// Reads one record; returns nil if incomplete, `.some(nil)` if it expanded into `pending`.
    private mutating func readRecord() throws(MCAPReadError) -> MCAPRecord?? {
        let available = buffer.count - position
        guard available >= MCAPFormat.recordPrefixLength else { return nil }
        let recordOffset = offset
        let opcode = buffer[position]
        if opcode == 0 { throw .reservedOpcode(offset: recordOffset) }
        let p = position
        let length = buffer.withUnsafeBytes {
            UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: p + 1, as: UInt64.self))
        }
        guard length <= Self.maxRecordLength else {
            throw .recordTooLarge(opcode: opcode, length: length, offset: recordOffset)
        }
        let total = MCAPFormat.recordPrefixLength + Int(length)
        guard available >= total else { return nil }
        let recordRange = position..<(position + total)
        let content = (position + MCAPFormat.recordPrefixLength)..<recordRange.upperBound
        let record = try MCAPRecord.decode(opcode: opcode, bytes: buffer, content: content, offset: recordOffset)
        try checkCRCs(record, range: recordRange, offset: recordOffset)
        position = recordRange.upperBound
        switch record {
        case .chunk(let chunk):
            let inner = try chunk.decodeRecords(chunkOffset: recordOffset, validateCRC: validateCRCs)
            if emitChunks { pending.append(record) }
            pending.append(contentsOf: inner)
            return .some(nil)
        case .footer:
            phase = .trailingMagic
            return record
        default:
            return record
        }
    }

    private mutating func checkCRCs(_ record: MCAPRecord, range: Range<Int>, offset: UInt64) throws(MCAPReadError) {
        guard validateCRCs else { return }
        switch record {
        case .dataEnd(let end):
            let actual = dataCRC.value
            if end.dataSectionCRC != 0 && end.dataSectionCRC != actual {
                throw .dataSectionCRCMismatch(offset: offset, expected: end.dataSectionCRC, actual: actual)
            }
            pastDataEnd = true
            return
        case .footer(let footer):
            // The summary CRC runs through the footer's summary_offset_start field.
            summaryCRC.update(buffer[range.lowerBound..<(range.lowerBound + MCAPFormat.recordPrefixLength + 16)])
            let actual = summaryCRC.value
            if footer.summaryCRC != 0 && footer.summaryCRC != actual {
                throw .summaryCRCMismatch(offset: offset, expected: footer.summaryCRC, actual: actual)
            }
            return
        case .attachment(let attachment) where attachment.crc != 0:
            let content = (range.lowerBound + MCAPFormat.recordPrefixLength)..<range.upperBound
            if let covered = MCAPRecord.attachmentCRCCoveredLength(bytes: buffer, content: content) {
                let actual = MCAPCRC32.checksum(buffer[content.lowerBound..<(content.lowerBound + covered)])
                if actual != attachment.crc {
                    throw .attachmentCRCMismatch(offset: offset, expected: attachment.crc, actual: actual)
                }
            }
        default:
            break
        }
        if pastDataEnd {
            summaryCRC.update(buffer[range])
        } else {
            dataCRC.update(buffer[range])
        }
    }
}
