import Foundation
import TaktCore
import Testing

/// Seeded random-mutation fuzzing of the whole decode path (framer, NMEA/UBX decoders, epoch assembler) over
/// windows of all 160 real gpsd logs. A crash fails the run; every mutant must also keep the byte-exactness
/// invariant and the byte counter. libFuzzer runs the same path: see docs/fuzzing.md.
@Suite struct GNSSFuzzTests {
    static let mutantsPerLog = 16
    static let window = 12_288

    @Test func mutatedRealLogsNeverBreakTheDecoder() throws {
        let names = SharedData.gpsdLogNames()
        try #require(names.count == 160, "gpsd logs missing under \(SharedData.gpsdLogs.path) (set TAKT_SHARED)")
        var mutants = 0
        var bytesFed = 0
        var records = 0
        for (n, name) in names.enumerated() {
            let log = try #require(SharedData.bytes(SharedData.gpsdLogs.appendingPathComponent(name)))
            for k in 0..<Self.mutantsPerLog {
                let seed = UInt64(n) << 16 | UInt64(k)
                var m = Mutator(seed: seed)
                var rng = SplitMix64(seed: ~seed)
                let start = log.count > Self.window ? Int.random(in: 0..<(log.count - Self.window), using: &rng) : 0
                let input = m.mutate(Array(log[start..<min(log.count, start + Self.window)]), rounds: 1 + k * 2)
                let out = DripFeed.run(input, comments: k % 2 == 0) { Int.random(in: 1...300, using: &rng) }
                #expect(out.frames.flatMap(\.raw) == input, "\(name) seed \(seed): not byte-exact")
                #expect(out.counters.totalBytes == input.count, "\(name) seed \(seed): byte count")
                mutants += 1
                bytesFed += input.count
                records += out.records.count
            }
        }
        print("fuzz: \(mutants) mutants, \(bytesFed) bytes, \(records) records, 0 crashes")
        #expect(mutants == 160 * Self.mutantsPerLog)
    }

    @Test func pureRandomInputNeverBreaksTheDecoder() {
        var rng = SplitMix64(seed: 0xF022)
        for round in 0..<200 {
            // Biased alphabet so frame starts, delimiters and valid-looking headers are frequent.
            let alphabet: [UInt8] = [
                0xB5, 0x62, 0x24, 0x2A, 0x2C, 0x0D, 0x0A, 0x23, 0x01, 0x07, 0x00, 0xFF, 0x41, 0x30,
            ]
            let input = (0..<Int.random(in: 0...4096, using: &rng)).map { _ in
                Bool.random(using: &rng)
                    ? alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
                    : UInt8.random(in: 0...255, using: &rng)
            }
            let out = DripFeed.run(input, comments: round % 2 == 0) { Int.random(in: 1...97, using: &rng) }
            #expect(out.frames.flatMap(\.raw) == input, "round \(round): not byte-exact")
        }
    }
}

/// Structure-aware fuzzing: checksum-valid UBX frames of every decoded message with random (and extreme) payloads,
/// so field values no real receiver sends (week 65535, year 65535, negative nano) reach the decoders and the
/// assembler. Byte mutation of real logs almost never produces these, because it breaks the checksum.
@Suite struct UBXFieldFuzzTests {
    static let layouts: [(UInt8, UInt8, [Int])] = [
        (0x01, 0x07, [92, 84]), (0x01, 0x20, [16]), (0x01, 0x06, [52]), (0x01, 0x02, [28]), (0x01, 0x03, [16]),
        (0x01, 0x61, [4]), (0x0D, 0x01, [16]), (0x0D, 0x03, [28]), (0x10, 0x03, [4, 12, 36]),
        (0x10, 0x02, [8, 12, 16, 40]), (0x10, 0x15, [36]), (0x28, 0x00, [72]), (0x02, 0x15, [16, 48, 80]),
        (0x02, 0x13, [8, 12, 48]),
    ]

    @Test func randomAndExtremePayloadsNeverCrash() {
        var rng = SplitMix64(seed: 0x0B1A)
        var frames = 0
        for (cls, id, lengths) in Self.layouts {
            for length in lengths {
                for round in 0..<300 {
                    let payload: [UInt8] =
                        switch round {
                        case 0: [UInt8](repeating: 0xFF, count: length)
                        case 1: [UInt8](repeating: 0x00, count: length)
                        case 2: (0..<length).map { $0 % 2 == 0 ? 0xFF : 0x7F }
                        default: (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                        }
                    // A time-source message first, so the epoch paths that need week/leap seconds run too.
                    let bytes =
                        UBXFrame.encode(
                            messageClass: 0x01, id: 0x20,
                            payload: (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) })
                        + UBXFrame.encode(messageClass: cls, id: id, payload: payload)
                        + UBXFrame.encode(messageClass: 0x01, id: 0x61, payload: [UInt8](repeating: 0, count: 4))
                    let out = DripFeed.run(bytes, comments: false) { bytes.count }
                    #expect(out.counters.ubxMessages == 3 && out.frames.flatMap(\.raw) == bytes)
                    for record in out.records { _ = try? JSONEncoderProbe.encode(record) }
                    frames += 1
                }
            }
        }
        #expect(frames == Self.layouts.reduce(0) { $0 + $1.2.count } * 300)
    }
}

extension UBXFieldFuzzTests {
    /// libFuzzer finding (docs/fuzzing.md): TIM-TP announcing week 0x6172 overflowed GPS nanoseconds before
    /// receiver weeks were range-checked. Now the pulse is dropped and the frame still passes through raw.
    @Test func libFuzzerFindingTimTPWeekOverflow() {
        let payload: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0x43, 0x68, 0x61, 0x72, 0x61, 0x63, 0x74, 0x65]
        let bytes = UBXFrame.encode(messageClass: 0x0D, id: 0x01, payload: payload)
        let out = DripFeed.verify(bytes)
        #expect(out.counters.ubxMessages == 1 && out.records.isEmpty)
    }
}

/// Encodes a record to JSON (non-finite doubles or overflowing values must not trap either).
enum JSONEncoderProbe {
    static func encode(_ r: GNSSRecord) throws -> Data { try JSONEncoder().encode(r) }
}
