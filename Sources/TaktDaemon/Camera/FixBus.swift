import Synchronization

/// An in-process broadcaster of navigation signals: GNSS services publish, any number of consumers subscribe,
/// and neither knows about the other. Each subscriber gets its own bounded buffer, so a slow consumer drops its
/// oldest signals (counted) instead of stalling a receiver's read loop.
public final class FixBus: Sendable {
    private struct State {
        var next = 0
        var subscribers: [Int: AsyncStream<NavigationSignal>.Continuation] = [:]
        var dropped: Int64 = 0
    }
    private let state = Mutex(State())
    private let bufferLimit: Int

    public init(bufferLimit: Int = 4_096) { self.bufferLimit = bufferLimit }

    /// A stream of every signal published from now on; it ends when the subscriber stops iterating.
    public func subscribe() -> AsyncStream<NavigationSignal> {
        let (stream, continuation) = AsyncStream<NavigationSignal>.makeStream(bufferingPolicy: .bufferingNewest(bufferLimit))
        let id = state.withLock { s in
            s.next += 1
            s.subscribers[s.next] = continuation
            return s.next
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    public func publish(_ signal: NavigationSignal) {
        state.withLock { s in
            for c in s.subscribers.values {
                if case .dropped = c.yield(signal) { s.dropped += 1 }
            }
        }
    }

    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }
    /// Signals a full subscriber buffer pushed out.
    public var droppedSignals: Int64 { state.withLock { $0.dropped } }
}
