import TaktCore
import Testing

/// The drip-feed invariant (swift-nio's `ByteToMessageDecoderVerifier` idea): a decoder fed all at once, byte by
/// byte and in random chunks must yield the same frames, the same records and the same counters, and the frames
/// must concatenate back to the input.
enum DripFeed {
    struct Output: Equatable {
        var frames: [GNSSFrame]
        var records: [GNSSRecord]
        var counters: GNSSDecoderCounters
    }

    static func run(_ bytes: [UInt8], comments: Bool, nextChunk: () -> Int) -> Output {
        var decoder = GNSSStreamDecoder(gpsfakeComments: comments)
        var assembler = GNSSEpochAssembler()
        var frames: [GNSSFrame] = []
        var records: [GNSSRecord] = []
        var i = 0
        repeat {
            let n = min(bytes.count - i, max(1, nextChunk()))
            decoder.append(bytes[i..<(i + n)])
            i += n
            if i == bytes.count { decoder.finish() }
            while let f = decoder.next() {
                frames.append(f)
                records += assembler.handle(f)
            }
        } while i < bytes.count
        records += assembler.finish()
        return Output(frames: frames, records: records, counters: decoder.counters)
    }

    /// Runs the three feeds, checks they agree and are byte-exact, and returns the all-at-once output.
    @discardableResult
    static func verify(
        _ bytes: [UInt8], comments: Bool = false, seed: UInt64 = 1, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Output {
        let whole = run(bytes, comments: comments) { bytes.count }
        let single = run(bytes, comments: comments) { 1 }
        var rng = SplitMix64(seed: seed)
        let random = run(bytes, comments: comments) { Int.random(in: 1...64, using: &rng) }
        #expect(whole.frames.flatMap(\.raw) == bytes, "frames are not byte-exact", sourceLocation: sourceLocation)
        #expect(single == whole, "byte-by-byte feed differs", sourceLocation: sourceLocation)
        #expect(random == whole, "random-chunk feed (seed \(seed)) differs", sourceLocation: sourceLocation)
        return whole
    }
}
