import Foundation

/// Runs blocking jobs (process spawns, waits, external tools) on dedicated threads, `width` at a time, so they
/// never occupy the cooperative pool the other tests run on. Results come back in job order.
enum BlockingJobs {
    static func run<T: Sendable>(count: Int, width: Int, _ body: @escaping @Sendable (Int) -> T) async -> [T] {
        let state = JobState<T>(count: count)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for _ in 0..<max(1, min(width, count)) {
                group.enter()
                let t = Thread {
                    while let i = state.claim() { state.store(body(i), at: i) }
                    group.leave()
                }
                t.stackSize = 4 << 20
                t.start()
            }
            group.notify(queue: .global()) { done.resume() }
        }
        return state.results()
    }
}

/// Job queue and results shared by the worker threads.
///
/// `@unchecked Sendable` is safe: every access to `next` and `slots` holds `lock`.
private final class JobState<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ value: T, at i: Int) { lock.withLock { slots[i] = value } }

    func results() -> [T] { lock.withLock { slots.compactMap { $0 } } }
}
