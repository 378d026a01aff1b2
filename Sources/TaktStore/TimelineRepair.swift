import Glibc
import TaktCore

/// Repairs `timeline.mcap` of a crashed segment with `MCAPRecovery`: truncate to the valid prefix, append the
/// rebuilt tail (Data End, summary, footer), fdatasync. A file with not even a readable header is replaced by an
/// empty but valid MCAP so the bag still verifies; everything dropped is reported as a loss.
enum TimelineRepair {
    struct Outcome {
        var loss: SegmentLoss?
        var notes: [String]
        var records: Int
    }

    static func repair(path: String, bagPath: String) throws(StoreError) -> Outcome {
        let bytes = try FileIO.readAll(path)
        let before = TimelineCheck.check(bytes: bytes)
        if before.problems.isEmpty { return Outcome(loss: nil, notes: [], records: before.messages) }

        let result = MCAPRecovery.recover(bytes)
        let repaired = result.repaired(bytes)
        let after = TimelineCheck.check(bytes: repaired)
        if after.problems.isEmpty {
            try Posix.truncate(path, Int64(result.validPrefixLength))
            try appendDurably(path, result.tail)
            let lost = result.bytesDiscarded > 0 || result.chunksDropped > 0
            let reason =
                "MCAP repaired: \(result.chunksKept) chunk(s) kept, \(result.chunksDropped) dropped, "
                + "\(result.bytesDiscarded) byte(s) of torn or bad data discarded; summary rebuilt"
            return Outcome(
                loss: lost
                    ? SegmentLoss(
                        path: bagPath, bytes: Int64(result.bytesDiscarded), records: result.messagesDropped,
                        reason: reason)
                    : nil,
                notes: [bagPath + ": " + reason], records: after.messages)
        }
        var writer = MCAPWriter()
        writer.start(profile: "", library: StoreVersion.writer)
        writer.finish()
        try Posix.truncate(path, 0)
        try appendDurably(path, writer.takeOutput())
        let reason = "MCAP unreadable from the start (\(before.problems.first ?? "?")); replaced by an empty MCAP"
        return Outcome(
            loss: SegmentLoss(path: bagPath, bytes: Int64(bytes.count), records: 0, reason: reason),
            notes: [bagPath + ": " + reason], records: 0)
    }

    private static func appendDurably(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
        let fd = try Posix.open(path, O_WRONLY | O_APPEND)
        defer { _ = Glibc.close(fd) }
        try Posix.writeAll(fd, bytes, path: path)
        try Posix.fdatasync(fd, path: path)
    }
}
