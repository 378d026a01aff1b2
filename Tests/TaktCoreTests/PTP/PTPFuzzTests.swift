import TaktCore
import Testing

/// Seeded mutation fuzzing of every PTP decoder: mutants of real and synthetic containers and datasets must decode
/// or throw a `PTPError`; nothing may trap, hang or allocate from an unchecked length.
@Suite struct PTPFuzzTests {
    static func corpus() throws -> [[UInt8]] {
        var out = PTPContainerTests.samples.map { $0.encoded() }
        let recording = try CanonRecording.load()
        var seen: Set<[UInt8]> = []
        for t in recording.transfers where t.data.count <= 4096 && seen.insert(t.data).inserted { out.append(t.data) }
        return out
    }

    @Test(arguments: 0..<8 as Range<UInt64>)
    func mutantsNeverCrash(seed: UInt64) throws {
        let corpus = try Self.corpus()
        #expect(corpus.count > 20)
        var mutator = Mutator(seed: 0xC0FFEE + seed)
        var rng = SeededRandom(seed: seed)
        var decodedOK = 0
        var failures = 0
        for i in 0..<4000 {
            let base = corpus[i % corpus.count]
            let mutant = mutator.mutate(base, rounds: Int.random(in: 1...3, using: &rng))
            do throws(PTPError) {
                let c = try PTPContainer.decode(mutant)
                decodedOK += 1
                if c.type == .data {
                    _ = try? PTPDeviceInfo(decoding: c.payload)
                    _ = try? PTPObjectInfo(decoding: c.payload)
                    _ = try? PTPStorageInfo(decoding: c.payload)
                }
            } catch {
                failures += 1
            }
            _ = try? PTPEvent(decoding: mutant)
            _ = try? PTPDeviceInfo(decoding: mutant)
            _ = try? PTPObjectInfo(decoding: mutant)
            var decoder = PTPContainerDecoder(maximumLength: 1 << 20)
            var cut = mutant[...]
            while !cut.isEmpty {
                let n = Int.random(in: 1...600, using: &rng)
                decoder.append(Array(cut.prefix(n)))
                cut = cut.dropFirst(n)
                while true {
                    do throws(PTPError) { if try decoder.next() == nil { break } } catch { continue }
                }
            }
        }
        #expect(decodedOK > 0 && failures > 0)  // the mutator produced both kinds
    }
}
