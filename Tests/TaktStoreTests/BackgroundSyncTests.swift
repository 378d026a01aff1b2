import Foundation
import Glibc
import Testing

@testable import TaktStore

/// The per-second fdatasyncs run off the appending thread; what they made durable and every failure must still
/// reach the writer, exactly once, with the path an operator needs.
@Suite struct BackgroundSyncTests {
    @Test func reportsWhatWasSyncedAndEveryFailureOnce() throws {
        let dir = try TestSupport.scratch()
        let file = try DurableFile.create(path: dir + "/a.bin")
        try file.append([UInt8](repeating: 7, count: 5000))
        try file.flush()
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        defer { pipeEnds.forEach { _ = close($0) } }

        let sync = BackgroundSync()
        #expect(sync.wait() == nil)
        sync.start(
            files: [
                .init(key: "a.bin", descriptor: file.descriptor, path: file.path, bytes: file.writtenBytes),
                // fdatasync(2) on a pipe fails with EINVAL: a stand-in for a disk error.
                .init(key: "pipe", descriptor: pipeEnds[1], path: "pipe:[test]", bytes: 1),
            ],
            directories: [dir, dir + "/missing"])
        let outcome = try #require(sync.wait())
        #expect(outcome.synced.map(\.key) == ["a.bin"])
        #expect(outcome.synced.first?.bytes == 5000)
        #expect(outcome.errors.count == 2)
        #expect(outcome.errors.first == .system(operation: "fdatasync", path: "pipe:[test]", errno: EINVAL))
        #expect(outcome.errors.last?.errnoValue == ENOENT)
        #expect(outcome.failedDirectories == [dir + "/missing"])
        // Taken once: a second wait has nothing to report.
        #expect(sync.wait() == nil)
        _ = try file.close()
    }

    /// `markSynced` after a background batch lets `close()` skip a second fdatasync, and never claims bytes
    /// written after the batch started.
    @Test func markSyncedCoversOnlyWhatTheBatchSaw() throws {
        let dir = try TestSupport.scratch()
        let file = try DurableFile.create(path: dir + "/b.bin", bufferCapacity: 16)
        try file.append([UInt8](repeating: 1, count: 40))
        try file.flush()
        let seen = file.writtenBytes
        try file.append([UInt8](repeating: 2, count: 40))
        try file.flush()
        file.markSynced(upTo: seen)
        #expect(file.syncedBytes == 40)
        #expect(file.writtenBytes == 80)
        try file.sync()
        #expect(file.syncedBytes == 80)
        _ = try file.close()
    }
}
