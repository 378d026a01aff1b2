import Foundation
import Glibc
import Testing

@testable import TaktStore

/// `DurableFile` hashes each written buffer on another thread while the next one fills; the digest `close()`
/// returns must still be the SHA-256 of exactly the file (checked against coreutils' sha256sum) across many
/// buffer swaps, records larger than the buffer, in-place appends and mid-stream syncs.
@Suite struct DurableFilePipelineTests {
    @Test func digestMatchesSha256sumAcrossManyBuffers() throws {
        let dir = try TestSupport.scratch()
        let f = try DurableFile.create(path: dir + "/big.bin", bufferCapacity: 64 << 10)
        var rng = SeededRandom(seed: 42)
        var appended: Int64 = 0
        for i in 0..<400 {
            // Mostly sub-buffer records, every 37th one larger than the whole buffer.
            let n = i % 37 == 0 ? 150_000 : Int.random(in: 1...30_000, using: &rng)
            let fill = UInt8.random(in: 0...255, using: &rng)
            if i % 2 == 0 {
                try f.append((0..<n).map { UInt8(truncatingIfNeeded: $0) &+ fill })
            } else {
                try f.append(reserving: n) { out in
                    for k in 0..<n { out.append(UInt8(truncatingIfNeeded: k &* 3) ^ fill) }
                }
            }
            appended += Int64(n)
            if i % 50 == 49 {
                try f.sync()
                #expect(f.syncedBytes == appended)
            }
        }
        #expect(f.byteCount == appended)
        let digest = try f.close()
        #expect(f.writtenBytes == appended)
        let size = try FileManager.default.attributesOfItem(atPath: dir + "/big.bin")[.size] as? Int
        #expect(size.map(Int64.init) == appended)
        let r = try TestSupport.run(["sha256sum", dir + "/big.bin"])
        #expect(r.stdout.hasPrefix(digest + " "))
        #expect(try f.close() == digest)
    }

    /// An in-place append that writes nothing is no record: nothing pending, nothing counted as lost.
    @Test func emptyInPlaceAppendIsNotCounted() throws {
        let f = try DurableFile.openForTesting(path: "/dev/full")
        try f.append(reserving: 10) { _ in }
        #expect(f.pendingBytes == 0)
        let lost = f.discardPending()
        #expect(lost.bytes == 0 && lost.appends == 0)
    }
}
