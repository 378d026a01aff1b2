/// Matches trigger commands to the box's acknowledgements: each `T <seq>` sent is pending until `A <seq>` arrives;
/// a pending trigger older than the deadline is reported lost once. Acks for unknown or already-acked sequences
/// are counted, not trusted. Pure: instants come in with the events.
public struct TriggerBoxTracker: Sendable {
    /// A trigger the box confirmed: the host instant the command was written, the instant the ack was read, and
    /// the box's tick of the pulse edge.
    public struct Acknowledged: Hashable, Sendable {
        public var sequence: UInt32
        public var sentAt: MonotonicInstant
        public var ackedAt: MonotonicInstant
        public var tickMicroseconds: UInt64

        public init(sequence: UInt32, sentAt: MonotonicInstant, ackedAt: MonotonicInstant, tickMicroseconds: UInt64) {
            self.sequence = sequence
            self.sentAt = sentAt
            self.ackedAt = ackedAt
            self.tickMicroseconds = tickMicroseconds
        }
    }

    public enum Outcome: Hashable, Sendable {
        case acknowledged(Acknowledged)
        /// Not pending: a duplicate, a late ack after the deadline, or noise that parsed.
        case unexpectedAck(sequence: UInt32)
    }

    public let ackDeadline: Duration
    private var pending: [UInt32: MonotonicInstant] = [:]
    public private(set) var unexpectedAcks = 0
    public private(set) var lost: [UInt32] = []

    public init(ackDeadline: Duration = .milliseconds(500)) { self.ackDeadline = ackDeadline }

    public var pendingSequences: [UInt32] { pending.keys.sorted() }

    public mutating func sent(_ sequence: UInt32, at instant: MonotonicInstant) { pending[sequence] = instant }

    public mutating func received(_ sequence: UInt32, tick: UInt64, at instant: MonotonicInstant) -> Outcome {
        guard let sentAt = pending.removeValue(forKey: sequence) else {
            unexpectedAcks += 1
            return .unexpectedAck(sequence: sequence)
        }
        return .acknowledged(Acknowledged(sequence: sequence, sentAt: sentAt, ackedAt: instant, tickMicroseconds: tick))
    }

    /// Forgets a pending trigger the box refused (`E busy <seq>`) or that could not be written; returns whether it
    /// was pending.
    @discardableResult
    public mutating func cancel(_ sequence: UInt32) -> Bool { pending.removeValue(forKey: sequence) != nil }

    /// Expires pending triggers older than the deadline at `now`; returns the newly lost sequences.
    public mutating func expire(now: MonotonicInstant) -> [UInt32] {
        let expired = pending.filter { now - $0.value > ackDeadline }.keys.sorted()
        for seq in expired { pending.removeValue(forKey: seq) }
        lost += expired
        return expired
    }

    /// The link was lost: every pending trigger is lost (its pulse may or may not have been output).
    public mutating func abandonAll() -> [UInt32] {
        let all = pending.keys.sorted()
        pending.removeAll()
        lost += all
        return all
    }
}
