/// Sans-I/O decoder for the trigger box's line protocol: push serial bytes, pull messages.
///
///     var decoder = TriggerBoxLineDecoder()
///     decoder.append(chunk)
///     while true { do { guard let m = try decoder.next() else { break }; handle(m) } catch { garbage += 1 } }
///
/// Lines end in LF (a CR before it is ignored). Each bad line is thrown once as a `TriggerBoxLineError` and
/// skipped, so noise on the wire costs a count, never the messages after it. Memory is bounded by
/// `maximumLineLength`.
public struct TriggerBoxLineDecoder: Sendable {
    public static let maximumLineLength = 80

    private var line: [UInt8] = []
    private var overflow = 0
    private var ready: [Result<TriggerBoxMessage, TriggerBoxLineError>] = []
    private var readIndex = 0

    public init() {}

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if overflow > 0 {
                    ready.append(.failure(.lineTooLong(discarded: overflow + line.count)))
                } else if !line.isEmpty {
                    ready.append(Self.parse(line))
                }
                line.removeAll(keepingCapacity: true)
                overflow = 0
            } else if byte != UInt8(ascii: "\r") {
                if line.count >= Self.maximumLineLength {
                    overflow += line.count
                    line.removeAll(keepingCapacity: true)
                }
                line.append(byte)
            }
        }
    }

    /// The next message; `nil` when no complete line is buffered. Throws once per bad line.
    public mutating func next() throws(TriggerBoxLineError) -> TriggerBoxMessage? {
        guard readIndex < ready.count else { return nil }
        let result = ready[readIndex]
        readIndex += 1
        if readIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        return try result.get()
    }

    /// Drops a partial line (after the port was reopened: its start was lost with the old connection).
    public mutating func reset() {
        line.removeAll()
        overflow = 0
    }

    static func parse(_ bytes: [UInt8]) -> Result<TriggerBoxMessage, TriggerBoxLineError> {
        let text = String(decoding: bytes, as: UTF8.self)
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        let malformed = Result<TriggerBoxMessage, TriggerBoxLineError>.failure(
            .malformed(line: String(text.prefix(80)))
        )
        guard let kind = fields.first else { return malformed }
        switch kind {
        case "A":
            guard fields.count == 3, let seq = UInt32(fields[1]), let tick = UInt64(fields[2]) else { return malformed }
            return .success(.ack(sequence: seq, tickMicroseconds: tick))
        case "H":
            guard fields.count == 2, let tick = UInt64(fields[1]) else { return malformed }
            return .success(.heartbeat(tickMicroseconds: tick))
        case "E":
            guard fields.count >= 2 else { return malformed }
            return .success(.error(fields.dropFirst().joined(separator: " ")))
        default:
            return malformed
        }
    }
}
