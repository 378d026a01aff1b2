/// Streaming walk over a classic pcap file: header, then whole records. Stops at the first record header that
/// cannot be right (length above snaplen or above the original length, or a frame that is not Ethernet/IPv4/UDP),
/// since nothing after it can be trusted.
struct PcapScanner: Sendable {
    private var buffer: [UInt8] = []
    /// Absolute file offset of `buffer[0]`.
    private var bufferOffset: Int64 = 0
    /// Index in `buffer` of the next unparsed byte.
    private var cursor = 0
    private var header: PcapFileHeader?
    private var stopped = false
    private var result = RawScanResult()

    mutating func consume(_ bytes: [UInt8]) {
        result.totalLength += Int64(bytes.count)
        guard !stopped else { return }
        buffer += bytes
        parse()
        if cursor > 0 {
            buffer.removeFirst(cursor)
            bufferOffset += Int64(cursor)
            cursor = 0
        }
    }

    private mutating func parse() {
        if header == nil {
            guard buffer.count >= PcapFileHeader.length else { return }
            guard let h = PcapFileHeader.parse(buffer) else {
                result.problems.append("not a classic pcap file (bad magic)")
                stopped = true
                return
            }
            header = h
            cursor = PcapFileHeader.length
            result.validPrefixLength = Int64(cursor)
        }
        guard let h = header else { return }
        while let rec = PcapRecord.parseHeader(buffer, at: cursor, bigEndian: h.bigEndian) {
            let fractionLimit: UInt32 = h.nanosecondResolution ? 1_000_000_000 : 1_000_000
            let offset = bufferOffset + Int64(cursor)
            guard rec.includedLength <= max(h.snaplen, PcapFileHeader.defaultSnaplen),
                rec.includedLength <= rec.originalLength, rec.timestampFraction < fractionLimit
            else {
                result.problems.append("record header at offset \(offset) is invalid (incl_len \(rec.includedLength))")
                stopped = true
                return
            }
            let end = cursor + PcapRecord.headerLength + Int(rec.includedLength)
            guard end <= buffer.count else { return }
            // A record whose frame is not Ethernet/IPv4/UDP is not one Takt wrote: typically the zero-filled
            // tail a power cut leaves when the size reached disk before the data. Nothing after it is trusted.
            if h.linktype == PcapFileHeader.linktypeEthernet,
                case .failure(let problem) = PcapFrameCheck.check(buffer[(cursor + PcapRecord.headerLength)..<end])
            {
                result.problems.append("record at offset \(offset) is not Ethernet/IPv4/UDP: \(problem)")
                stopped = true
                return
            }
            let scale: Int64 = h.nanosecondResolution ? 1 : 1000
            let ts = Int64(rec.timestampSeconds) * 1_000_000_000 + Int64(rec.timestampFraction) * scale
            if result.firstTimestampUnixNanoseconds == nil { result.firstTimestampUnixNanoseconds = ts }
            result.lastTimestampUnixNanoseconds = ts
            result.records += 1
            cursor = end
            result.validPrefixLength = bufferOffset + Int64(cursor)
        }
    }

    func finish() -> RawScanResult {
        var r = result
        if header == nil && !stopped { r.problems.append("shorter than the 24-byte pcap header") }
        return r
    }
}
