/// Reading the records a Chunk carries.
extension MCAPChunk {
    /// Decodes the chunk's inner records (Schema, Channel, Message; unknown opcodes come back as `.unknown`).
    ///
    /// - Parameters:
    ///   - chunkOffset: the Chunk record's file offset, for error messages.
    ///   - validateCRC: check `uncompressedCRC` when it is non-zero.
    /// - Throws: `.unsupportedCompression` for any compression but "", CRC/size mismatches, malformed records.
    public func decodeRecords(chunkOffset: UInt64 = 0, validateCRC: Bool = true) throws(MCAPReadError) -> [MCAPRecord] {
        guard compression.isEmpty else { throw .unsupportedCompression(compression, offset: chunkOffset) }
        guard uncompressedSize == UInt64(records.count) else {
            throw .chunkSizeMismatch(offset: chunkOffset, declared: uncompressedSize, actual: UInt64(records.count))
        }
        if validateCRC && uncompressedCRC != 0 {
            let actual = MCAPCRC32.checksum(records)
            guard actual == uncompressedCRC else {
                throw .chunkCRCMismatch(offset: chunkOffset, expected: uncompressedCRC, actual: actual)
            }
        }
        var out: [MCAPRecord] = []
        var position = 0
        let bytes = records
        while position < bytes.count {
            guard bytes.count - position >= MCAPFormat.recordPrefixLength else {
                throw .truncatedRecord(opcode: bytes[position], offset: chunkOffset)
            }
            let opcode = bytes[position]
            if opcode == 0 { throw .reservedOpcode(offset: chunkOffset) }
            let length = bytes.withUnsafeBytes {
                UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position + 1, as: UInt64.self))
            }
            let contentStart = position + MCAPFormat.recordPrefixLength
            guard length <= UInt64(bytes.count - contentStart) else {
                throw .truncatedRecord(opcode: opcode, offset: chunkOffset)
            }
            let contentEnd = contentStart + Int(length)
            out.append(try MCAPRecord.decode(opcode: opcode, bytes: bytes, content: contentStart..<contentEnd, offset: chunkOffset))
            position = contentEnd
        }
        return out
    }
}
