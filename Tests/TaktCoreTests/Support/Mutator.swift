/// Seeded structural mutations for fuzzing framers: bit flips, truncation, random and frame-start insertions,
/// duplicated and deleted spans. Every mutant is reproducible from (seed, input).
struct Mutator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func mutate(_ input: [UInt8], rounds: Int) -> [UInt8] {
        var b = input
        for _ in 0..<rounds { b = mutateOnce(b) }
        return b
    }

    private mutating func index(_ b: [UInt8]) -> Int { b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng) }

    private mutating func mutateOnce(_ input: [UInt8]) -> [UInt8] {
        var b = input
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:  // bit flips
            for _ in 0..<Int.random(in: 1...8, using: &rng) where !b.isEmpty {
                b[index(b)] ^= 1 << UInt8.random(in: 0...7, using: &rng)
            }
        case 1:  // truncation
            b = Array(b.prefix(index(b)))
        case 2:  // random bytes inserted
            let at = index(b)
            b.insert(
                contentsOf: (0..<Int.random(in: 1...32, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng)
                }, at: at)
        case 3:  // frame starts that promise more than follows: UBX header with a large length, open NMEA line
            let at = index(b)
            let starts: [[UInt8]] = [
                [0xB5, 0x62, 0x02, 0x15, 0xFF, 0x1F], [0xB5, 0x62, 0x01, 0x07, 0x5C, 0x00], [0xB5],
                Array("$GPGGA,12".utf8), Array("!AIVDM".utf8), Array("\n#".utf8),
            ]
            b.insert(contentsOf: starts[Int.random(in: 0..<starts.count, using: &rng)], at: at)
        case 4:  // duplicated span
            guard !b.isEmpty else { break }
            let from = index(b)
            let len = min(b.count - from, Int.random(in: 1...512, using: &rng))
            b.insert(contentsOf: b[from..<(from + len)], at: index(b))
        case 5:  // deleted span
            guard !b.isEmpty else { break }
            let from = index(b)
            b.removeSubrange(from..<min(b.count, from + Int.random(in: 1...64, using: &rng)))
        case 6:  // byte set to an interesting value
            if !b.isEmpty {
                b[index(b)] =
                    [0x00, 0xFF, 0x0A, 0x0D, 0x24, 0x2A, 0x2C, 0xB5, 0x62][Int.random(in: 0..<9, using: &rng)]
            }
        default:  // splice a span over another position
            guard b.count > 2 else { break }
            let from = index(b)
            let len = min(b.count - from, Int.random(in: 1...64, using: &rng))
            let to = index(b)
            let span = Array(b[from..<(from + len)])
            for (k, v) in span.enumerated() where to + k < b.count { b[to + k] = v }
        }
        return b
    }
}
