import Foundation

/// A bounded multi-producer, single-consumer queue for handing work to a dedicated thread.
///
/// Producers never block: when the queue is full the element is refused and counted, so a slow disk shows up as
/// a counted loss instead of stalling a sensor's receive loop. `@unchecked Sendable` is safe because every access
/// to the storage happens under `condition`'s lock.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var closed = false
    private var droppedCount: Int64 = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Enqueues unless full or closed; returns false (and counts a drop) otherwise.
    @discardableResult
    func push(_ e: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed, items.count - head < capacity else {
            droppedCount += 1
            return false
        }
        items.append(e)
        condition.signal()
        return true
    }

    /// Enqueues regardless of capacity (control commands must never be refused).
    func pushAlways(_ e: Element) {
        condition.lock()
        items.append(e)
        condition.signal()
        condition.unlock()
    }

    /// Waits up to `timeout` for elements and returns all that are queued (possibly none).
    func popAll(timeout: TimeInterval) -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        if items.count == head && !closed {
            _ = condition.wait(until: Date(timeIntervalSinceNow: timeout))
        }
        let out = Array(items[head...])
        items.removeAll(keepingCapacity: items.count < 65536)
        head = 0
        return out
    }

    var dropped: Int64 {
        condition.lock()
        defer { condition.unlock() }
        return droppedCount
    }

    var depth: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count - head
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
