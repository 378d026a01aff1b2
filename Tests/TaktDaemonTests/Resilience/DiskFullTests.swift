import Testing

/// The spine's disk-full acceptance, end to end on a 16 MiB tmpfs: recording stops cleanly with a clear message
/// and every segment verifies, both when the disk guard's reserve holds and when the disk fills completely with
/// no reserve at all.
@Suite("Disk full: takt simulate on a small filesystem")
struct DiskFullTests {
    @Test("Reserve 3 MiB, disk filled to just above it: the guard stops recording; reserve kept; all verifies")
    func guardStopsAboveReserve() async throws {
        let takt = try Resilience.taktBinary()
        let o = await BlockingJobs.run(count: 1, width: 1) { _ in
            DiskFullRun(name: "guard", reserveBytes: 3 << 20, fillCompletely: false, takt: takt).execute()
        }
        let outcome = try #require(o.first)
        #expect(outcome.problems.isEmpty, "\(outcome.problems.joined(separator: "\n"))")
        print("disk full (reserve 3 MiB): \(outcome.summary)")
    }

    @Test("Reserve 0, disk filled completely: recording stops (ENOSPC or guard), closes cleanly, all verifies")
    func noReserveDiskFull() async throws {
        let takt = try Resilience.taktBinary()
        let o = await BlockingJobs.run(count: 1, width: 1) { _ in
            DiskFullRun(name: "full", reserveBytes: 0, fillCompletely: true, takt: takt).execute()
        }
        let outcome = try #require(o.first)
        #expect(outcome.problems.isEmpty, "\(outcome.problems.joined(separator: "\n"))")
        print("disk full (reserve 0): \(outcome.summary)")
    }
}
