import Foundation
import TaktCore

/// TIM-TM2 frames built by pyubx2 (an independent UBX implementation), decoded back through Takt's serial GNSS
/// path (`GNSSStreamDecoder`) in random chunks, as the daemon would read them.
enum TimTM2Frames {
    struct Spec {
        var count: UInt16
        var rising: GPSTime
        var accuracyNanoseconds: UInt32 = 20
        var timeValid = true
    }

    static let script = """
        import sys
        from pyubx2 import UBXMessage
        for line in sys.stdin:
            c, wn, ms, sub, acc, valid = (int(x) for x in line.split())
            m = UBXMessage("TIM", "TIM-TM2", 0, ch=0, mode=1, run=0, newFallingEdge=1, timeBase=1, utc=1,
                           time=valid, newRisingEdge=1, count=c, wnR=wn, wnF=wn, towMsR=ms, towSubMsR=sub,
                           towMsF=ms + 1, towSubMsF=sub, accEst=acc)
            sys.stdout.write(m.serialize().hex() + "\\n")
        """

    /// pyubx2's bytes for each spec (one frame per spec, in order).
    static func frames(_ specs: [Spec]) throws -> [[UInt8]] {
        let input = specs.map { s in
            let tow = s.rising.timeOfWeekNanoseconds
            return "\(s.count) \(s.rising.week) \(tow / 1_000_000) \(tow % 1_000_000) \(s.accuracyNanoseconds) \(s.timeValid ? 1 : 0)"
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
            throw Pyubx2.Failure.run(String(decoding: errData, as: UTF8.self) + " (is pyubx2 installed? scripts/setup)")
        }
        return data.split(separator: 0x0A).map { Pyubx2.hexBytes(String(decoding: $0, as: UTF8.self)) }
    }

    /// Decodes a receiver byte stream in seeded random chunks and returns its TIM-TM2 messages.
    static func decode(_ bytes: [UInt8], seed: UInt64) -> [UBXTimTM2] {
        var rng = SeededRandom(seed: seed)
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
