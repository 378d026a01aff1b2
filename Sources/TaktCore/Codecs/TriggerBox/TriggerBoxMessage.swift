/// A line from the trigger box (hw/wiring/trigger-box.md).
public enum TriggerBoxMessage: Hashable, Sendable {
    /// `A <seq> <tick_us>`: pulse `seq` was output; its rising edge at the box's free-running microsecond counter.
    case ack(sequence: UInt32, tickMicroseconds: UInt64)
    /// `E <text>`: the box refused or failed something (e.g. `E busy 17`, `E parse`).
    case error(String)
    /// `H <tick_us>`: once-a-second heartbeat with the box's counter, for liveness and counter-rate checks.
    case heartbeat(tickMicroseconds: UInt64)
}

extension TriggerBoxMessage {
    /// The sequence an `E busy <seq>` line refuses (no pulse was output for it); nil for other lines.
    public var refusedSequence: UInt32? {
        guard case .error(let text) = self else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count == 2, fields[0] == "busy" else { return nil }
        return UInt32(fields[1])
    }
}

/// A command to the trigger box.
public enum TriggerBoxCommand: Hashable, Sendable {
    /// `T <seq>`: output one pulse now and acknowledge it.
    case trigger(sequence: UInt32)

    public func encoded() -> [UInt8] {
        switch self {
        case .trigger(let sequence): Array("T \(sequence)\n".utf8)
        }
    }
}

/// Why a line from the box was not a message. Each is one counted drop; decoding continues with the next line.
public enum TriggerBoxLineError: Error, Hashable, Sendable {
    /// Longer than `TriggerBoxLineDecoder.maximumLineLength` before a newline: bytes discarded up to the next one.
    case lineTooLong(discarded: Int)
    /// Not `A`, `E` or `H` with the right fields (line noise, a box in its bootloader, wrong baud rate).
    case malformed(line: String)
}
