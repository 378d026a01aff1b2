import TaktCore
import Testing

@Suite struct TriggerBoxCodecTests {
    static let wire = Array("A 1 1000\r\nH 2000\nE busy 3\nA 4294967295 18446744073709551615\n".utf8)
    static let expected: [TriggerBoxMessage] = [
        .ack(sequence: 1, tickMicroseconds: 1000), .heartbeat(tickMicroseconds: 2000), .error("busy 3"),
        .ack(sequence: UInt32.max, tickMicroseconds: UInt64.max),
    ]

    static func decode(_ chunks: [[UInt8]]) -> (messages: [TriggerBoxMessage], errors: [TriggerBoxLineError]) {
        var d = TriggerBoxLineDecoder()
        var messages: [TriggerBoxMessage] = []
        var errors: [TriggerBoxLineError] = []
        for chunk in chunks {
            d.append(chunk)
            while true {
                do throws(TriggerBoxLineError) {
                    guard let m = try d.next() else { break }
                    messages.append(m)
                } catch { errors.append(error) }
            }
        }
        return (messages, errors)
    }

    /// Drip-feed invariant: byte by byte, in random chunks and all at once give the same messages.
    @Test(arguments: [0, 1, 2, 3] as [UInt64])
    func dripFeed(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        var chunks: [[UInt8]] = []
        var rest = Self.wire[...]
        while !rest.isEmpty {
            let n = seed == 0 ? 1 : Int.random(in: 1...9, using: &rng)
            chunks.append(Array(rest.prefix(n)))
            rest = rest.dropFirst(n)
        }
        let result = Self.decode(chunks)
        #expect(result.messages == Self.expected && result.errors.isEmpty)
        #expect(Self.decode([Self.wire]).messages == Self.expected)
    }

    @Test func commandEncoding() {
        #expect(TriggerBoxCommand.trigger(sequence: 17).encoded() == Array("T 17\n".utf8))
    }

    @Test(arguments: ["A 12", "A x 5", "A 1 2 3", "A -1 5", "H", "E", "Q 1", "A 4294967296 1", "\u{0}\u{7}"])
    func malformedLinesAreOneErrorEach(_ line: String) {
        let result = Self.decode([Array((line + "\nA 9 9\n").utf8)])
        #expect(result.errors.count == 1)
        #expect(result.messages == [.ack(sequence: 9, tickMicroseconds: 9)], "the next line still decodes")
    }

    @Test func overlongLinesAreBoundedAndCounted() {
        let result = Self.decode([Array(repeating: UInt8(ascii: "Z"), count: 1000) + Array("\nA 1 2\n".utf8)])
        #expect(result.errors == [.lineTooLong(discarded: 1000)])
        #expect(result.messages == [.ack(sequence: 1, tickMicroseconds: 2)])
    }

    @Test func mutantsNeverCrash() {
        var mutator = Mutator(seed: 42)
        for _ in 0..<3000 {
            let mutant = mutator.mutate(Self.wire, rounds: 3)
            let result = Self.decode([mutant])
            #expect(result.messages.count + result.errors.count <= mutant.filter { $0 == 0x0A }.count)
        }
    }

    @Test func trackerMatchesAcksAndReportsLosses() {
        func at(_ ms: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: ms * 1_000_000) }
        var t = TriggerBoxTracker(ackDeadline: .milliseconds(500))
        t.sent(1, at: at(0))
        t.sent(2, at: at(100))
        #expect(
            t.received(1, tick: 55, at: at(10))
                == .acknowledged(.init(sequence: 1, sentAt: at(0), ackedAt: at(10), tickMicroseconds: 55))
        )
        #expect(t.received(1, tick: 55, at: at(11)) == .unexpectedAck(sequence: 1))
        #expect(t.expire(now: at(550)) == [])
        #expect(t.expire(now: at(700)) == [2])
        #expect(t.received(2, tick: 99, at: at(701)) == .unexpectedAck(sequence: 2))
        t.sent(3, at: at(800))
        #expect(t.abandonAll() == [3])
        #expect(t.lost == [2, 3] && t.unexpectedAcks == 2 && t.pendingSequences.isEmpty)
    }

    @Test func busyRefusalNamesItsSequenceAndCancels() {
        #expect(TriggerBoxMessage.error("busy 17").refusedSequence == 17)
        #expect(TriggerBoxMessage.error("parse").refusedSequence == nil)
        #expect(TriggerBoxMessage.error("busy x").refusedSequence == nil)
        #expect(TriggerBoxMessage.ack(sequence: 17, tickMicroseconds: 1).refusedSequence == nil)
        var t = TriggerBoxTracker()
        t.sent(17, at: MonotonicInstant(nanoseconds: 0))
        let first = t.cancel(17)
        let second = t.cancel(17)
        #expect(first && !second)
        let expired = t.expire(now: MonotonicInstant(nanoseconds: 10_000_000_000))
        #expect(expired.isEmpty)
    }
}
