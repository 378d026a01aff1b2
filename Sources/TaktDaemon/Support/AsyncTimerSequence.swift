/// Ticks every `interval` on the continuous clock until cancelled.
struct AsyncTimerSequence: AsyncSequence, Sendable {
    typealias Element = Void
    let interval: Duration

    struct AsyncIterator: AsyncIteratorProtocol {
        let interval: Duration
        var next: ContinuousClock.Instant = .now

        mutating func next() async -> Void? {
            next = next.advanced(by: interval)
            do {
                try await ContinuousClock().sleep(until: next, tolerance: .milliseconds(10))
            } catch {
                return nil
            }
            return ()
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(interval: interval) }
}
