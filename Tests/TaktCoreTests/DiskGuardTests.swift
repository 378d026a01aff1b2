import Testing
@testable import TaktCore

@Suite struct DiskGuardTests {
    func reading(_ s: Int, free: Int64, written: Int64) -> DiskGuard.Reading {
        DiskGuard.Reading(at: MonotonicInstant(nanoseconds: Int64(s) * 1_000_000_000), availableBytes: free,
                          totalBytes: 1 << 40, bytesWritten: written)
    }

    @Test func warnsThenStopsBeforeTheReserve() {
        var g = DiskGuard(reserveBytes: 1_000_000, warnSeconds: 60)
        var free: Int64 = 100_000_000
        var written: Int64 = 0
        var actions: [DiskGuard.Action] = []
        for s in 0..<200 {
            actions.append(g.handle(reading(s, free: free, written: written)))
            free -= 1_000_000
            written += 1_000_000
            if case .stop = actions.last { break }
        }
        let firstWarn = actions.firstIndex { if case .warn = $0 { return true } else { return false } }
        let stop = actions.firstIndex { if case .stop = $0 { return true } else { return false } }
        #expect(firstWarn != nil && stop != nil)
        if let firstWarn, let stop {
            #expect(firstWarn < stop)
            // 1 MB/s: warn ~60 s before the reserve; stop with ≥ 3 s of writes still free above it.
            #expect(stop - firstWarn >= 55)
            if case .stop(let avail) = actions[stop] { #expect(avail > 1_000_000 && avail <= 4_000_000) }
        }
    }

    @Test func idleDiskHasNoETA() {
        var g = DiskGuard(reserveBytes: 10, warnSeconds: 60)
        #expect(g.handle(reading(0, free: 1000, written: 0)) == .none)
        #expect(g.handle(reading(1, free: 1000, written: 0)) == .none)
        #expect(g.etaSeconds == nil)
        #expect(g.level == .ok)
    }
}
