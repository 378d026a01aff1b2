/// Splits a mixed NMEA 0183 + UBX byte stream into frames. Sans-I/O: push bytes, pull frames.
///
/// ```swift
/// var decoder = GNSSStreamDecoder()
/// decoder.append(bytesFromSerialPort)
/// while let frame = decoder.next() { recorder.write(frame.raw); assembler.handle(frame) }
/// // at end of input:
/// decoder.finish()
/// while let frame = decoder.next() { ... }
/// ```
///
/// Framing is a pure function of the byte sequence, independent of how it was chunked: a frame is only emitted once
/// its end is certain (or the length bound is hit, or `finish()` was called). Garbage is emitted in runs ending at
/// the next possible frame start (`$`, `!`, `0xB5`, and `#` after a newline when comments are on), so a corrupt region never hides a
/// good frame behind it. Memory is bounded by `maxGarbageRun` and `UBXFrame.maxPayloadLength`.
public struct GNSSStreamDecoder: Sendable {
    /// Longest garbage run emitted as one frame.
    public static let maxGarbageRun = 4096
    /// Longest gpsfake comment line.
    public static let maxCommentLength = 1024

    public private(set) var counters = GNSSDecoderCounters()
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    /// The last byte handed out, so `#` is a comment only at a line start (binary payloads contain `#` too).
    private var previousByte: UInt8? = 0x0A
    /// How far past `start` a pending garbage run has already been scanned, so byte-by-byte input stays linear.
    private var garbageScanOffset = 0
    private let recognisesComments: Bool

    /// - Parameter gpsfakeComments: treat `#` … newline at a line start (stream start or after a LF, at a frame
    ///   boundary) as a comment frame, as gpsfake logs use them. Never inside a UBX frame, since frames are consumed
    ///   whole. Off for live receivers (where `#` is just garbage).
    /// Bytes held while waiting for a frame to complete (health metric; bounded by the limits above).
    public var bufferedByteCount: Int { buffer.count - start }

    public init(gpsfakeComments: Bool = false) {
        recognisesComments = gpsfakeComments
    }

    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
        counters.totalBytes += bytes.count
    }

    /// Declares the end of input: whatever remains is flushed as frames (partial frames become garbage).
    public mutating func finish() { finished = true }

    /// The next complete frame, or nil when more bytes are needed.
    public mutating func next() -> GNSSFrame? {
        guard start < buffer.count else { return nil }
        switch buffer[start] {
        case UBXFrame.sync1:
            switch UBXFrame.probe(buffer, at: start) {
            case .frame(let length): return takeUBX(length: length)
            case .needMoreData: return finished ? takeGarbage() : nil
            case .invalid:
                let wasHeader = buffer.count - start >= UBXFrame.headerLength && buffer[start + 1] == UBXFrame.sync2
                let frame = takeGarbage()
                // Counted when the bytes are handed out, so a run waiting for more input is not counted twice.
                if frame != nil && wasHeader { counters.ubxBadChecksum += 1 }
                return frame
            }
        case 0x24, 0x21:  // "$", "!"
            return nextNMEA()
        case 0x23 where recognisesComments && previousByte == 0x0A:  // "#" at a line start
            return nextComment()
        default:
            return takeGarbage()
        }
    }

    private mutating func take(_ length: Int) -> [UInt8] {
        let bytes = Array(buffer[start..<(start + length)])
        start += length
        garbageScanOffset = 0
        previousByte = bytes.last
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        return bytes
    }

    private mutating func takeUBX(length: Int) -> GNSSFrame {
        let raw = take(length)
        let message = UBXMessage.decode(
            messageClass: raw[2], id: raw[3], payload: Array(raw[UBXFrame.headerLength..<(length - 2)])
        )
        counters.ubxMessages += 1
        switch message {
        case .malformed: counters.ubxMalformed += 1
        case .other: counters.ubxOther += 1
        default: break
        }
        return .ubx(message, raw: raw)
    }

    private func isFrameStart(at i: Int) -> Bool {
        let b = buffer[i]
        return b == UBXFrame.sync1 || b == 0x24 || b == 0x21
            || (recognisesComments && b == 0x23 && buffer[i - 1] == 0x0A)
    }

    /// A garbage run from `start` (whose first byte is known not to start a frame) to the next possible frame start.
    private mutating func takeGarbage() -> GNSSFrame? {
        var i = start + max(1, garbageScanOffset)
        while i < buffer.count, i - start < Self.maxGarbageRun, !isFrameStart(at: i) { i += 1 }
        if i == buffer.count && !finished && i - start < Self.maxGarbageRun {
            garbageScanOffset = i - start
            return nil
        }
        if i - start >= Self.maxGarbageRun { counters.oversize += 1 }
        let raw = take(i - start)
        counters.garbageFrames += 1
        counters.garbageBytes += raw.count
        return .garbage(raw)
    }

    /// A `$`/`!` line: printable ASCII up to LF. A non-printable byte or a new `$` before the LF ends it as garbage.
    private mutating func nextNMEA() -> GNSSFrame? {
        var i = start + 1
        while i < buffer.count, i - start <= NMEAParser.maxSentenceLength + 2 {
            let b = buffer[i]
            if b == 0x0A { return parseLine(length: i + 1 - start) }
            if b == 0x0D || (b >= 0x20 && b <= 0x7E && b != 0x24 && b != 0x21) {
                i += 1
                continue
            }
            // Interrupted: a new sentence, binary data or a control byte before the line ended.
            return parseLine(length: i - start)
        }
        if i - start > NMEAParser.maxSentenceLength + 2 {
            counters.oversize += 1
            return garbage(length: i - start)
        }
        return finished ? parseLine(length: i - start) : nil
    }

    private mutating func parseLine(length: Int) -> GNSSFrame {
        let slice = buffer[start..<(start + length)]
        switch Result(catching: { () throws(NMEAParseError) in try NMEAParser.parse(slice) }) {
        case .success(let sentence):
            counters.nmeaSentences += 1
            return .nmea(sentence, raw: take(length))
        case .failure:
            counters.nmeaBadChecksum += 1
            return garbage(length: length)
        }
    }

    private mutating func garbage(length: Int) -> GNSSFrame {
        let raw = take(length)
        counters.garbageFrames += 1
        counters.garbageBytes += raw.count
        return .garbage(raw)
    }

    private mutating func nextComment() -> GNSSFrame? {
        var i = start + 1
        while i < buffer.count, i - start < Self.maxCommentLength {
            if buffer[i] == 0x0A {
                counters.commentLines += 1
                return .comment(take(i + 1 - start))
            }
            i += 1
        }
        if i - start >= Self.maxCommentLength {
            counters.oversize += 1
            return garbage(length: i - start)
        }
        guard finished else { return nil }
        counters.commentLines += 1
        return .comment(take(i - start))
    }
}
