import Foundation
import Glibc
import Testing

@testable import TaktStore

@Suite struct DurableFileTests {
    /// Appends, syncs and closes; the digest equals coreutils' sha256sum of the file.
    @Test func digestMatchesSha256sum() throws {
        let dir = try TestSupport.scratch()
        let f = try DurableFile.create(path: dir + "/a.bin", bufferCapacity: 100)
        var rng = SeededRandom(seed: 7)
        for _ in 0..<50 {
            try f.append((0..<Int.random(in: 1...90, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
        }
        try f.sync()
        #expect(f.syncedBytes == f.byteCount)
        let digest = try f.close()
        let r = try TestSupport.run(["sha256sum", dir + "/a.bin"])
        #expect(r.stdout.hasPrefix(digest + " "))
        #expect(throws: StoreError.self) { try f.append([1]) }
    }

    @Test func createIsExclusive() throws {
        let dir = try TestSupport.scratch()
        _ = try DurableFile.create(path: dir + "/x")
        do {
            _ = try DurableFile.create(path: dir + "/x")
            Issue.record("second create should fail")
        } catch {
            #expect(error.errnoValue == EEXIST)
            #expect(error.description.contains("(EEXIST)") && error.description.contains(dir + "/x"))
        }
    }

    /// /dev/full answers every write with ENOSPC: the error surfaces with path and errno, bytes stay pending and
    /// can be discarded as a counted loss.
    @Test func noSpaceSurfacesAsTypedError() throws {
        let f = try DurableFile.openForTesting(path: "/dev/full")
        try f.append([1, 2, 3])
        try f.append([4])
        do {
            try f.sync()
            Issue.record("sync on /dev/full must fail")
        } catch {
            #expect(error.isOutOfSpace)
            #expect(error.description == "write failed on /dev/full: No space left on device (ENOSPC)")
        }
        #expect(f.pendingBytes == 4)
        let lost = f.discardPending()
        #expect(lost.bytes == 4 && lost.appends == 2)
    }

    @Test func diskSpaceReadsTheFilesystem() throws {
        let d = try DiskSpace.available(path: "/tmp")
        #expect(d.totalBytes > 0 && d.availableBytes <= d.freeBytes && d.freeBytes <= d.totalBytes)
        let df = try TestSupport.run(["df", "-B1", "--output=avail", "/tmp"])
        let dfAvail = Int64(df.stdout.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? -1
        // Other writers may change free space between the two readings; 64 MiB slack.
        #expect(abs(dfAvail - d.availableBytes) < 64 << 20)
        #expect(throws: StoreError.self) { try DiskSpace.available(path: "/nonexistent/takt") }
    }
}
