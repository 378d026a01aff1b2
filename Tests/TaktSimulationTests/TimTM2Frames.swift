import Foundation
import TaktCore
import TaktSimulation

/// TIM-TM2 frames built by pyubx2 (an independent UBX implementation), decoded back through Takt's serial GNSS
/// path (`GNSSStreamDecoder`) in random chunks, as the daemon would read them.
enum TimTM2Frames {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let script = """
        import sys
        from pyubx2 import UBXMessage
        for line in sys.stdin:
            c, wn, ms, sub, wnf, msf, subf = (int(x) for x in line.split())
            m = UBXMessage("TIM", "TIM-TM2", 0, ch=0, mode=1, run=0, newFallingEdge=1, timeBase=1, utc=1,
                           time=1, newRisingEdge=1, count=c, wnR=wn, wnF=wnf, towMsR=ms, towSubMsR=sub,
                           towMsF=msf, towSubMsF=subf, accEst=20)
            sys.stdout.write(m.serialize().hex() + "\\n")
        """

    /// pyubx2's bytes for each mark (rising edge as given, falling edge 1 ms later), in order.
    static func frames(_ marks: [MarkFaultScenario.Mark]) throws -> [[UInt8]] {
        let input =
            marks.map { m in
                let r = m.rising.timeOfWeekNanoseconds
                let f = m.rising + .milliseconds(1)
                let fr = f.timeOfWeekNanoseconds
                return "\(m.count) \(m.rising.week) \(r / 1_000_000) \(r % 1_000_000) \(f.week) \(fr / 1_000_000) \(fr % 1_000_000)"
            }.joined(separator: "\n") + "\n"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let out = Pipe()
        let err = Pipe()
        p.standardInput = stdin
        p.standardOutput = out
        p.standardError = err
        try p.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failure(description: String(decoding: errData, as: UTF8.self) + " (is pyubx2 installed? scripts/setup)")
        }
        return data.split(separator: 0x0A).map { hexBytes(Array($0)) }
    }

    static func hexBytes(_ ascii: [UInt8]) -> [UInt8] {
        func v(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10 }
        return stride(from: 0, to: ascii.count - 1, by: 2).map { v(ascii[$0]) << 4 | v(ascii[$0 + 1]) }
    }

    /// Decodes a receiver byte stream in seeded random chunks and returns its TIM-TM2 messages.
    static func decode(_ bytes: [UInt8], seed: UInt64) -> [UBXTimTM2] {
        var rng = SeededGenerator(seed: seed)
        var decoder = GNSSStreamDecoder()
        var out: [UBXTimTM2] = []
        var i = 0
        while i < bytes.count {
            let n = min(bytes.count - i, Int.random(in: 1...40, using: &rng))
            decoder.append(bytes[i..<(i + n)])
            i += n
            if i == bytes.count { decoder.finish() }
            while let f = decoder.next() {
                if case .ubx(.timTM2(let t), _) = f { out.append(t) }
            }
        }
        return out
    }
}
