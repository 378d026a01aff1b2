import Synchronization

/// A bounded single-producer/single-consumer ring: the receive thread pushes, one consumer pops.
///
/// `push` never waits: when the ring is full it returns `false` and the caller counts the drop. That is the
/// contract the receive loop needs (a slow disk must never stall the socket), and the loss stays visible.
///
/// `@unchecked Sendable`: slot `i` is written only by the producer before it publishes `tail > i` with release
/// ordering, and read only by the consumer after observing that with acquire ordering (and vice versa for `head`),
/// so no slot is ever accessed by both threads at once. Exactly one producer and one consumer thread may use it.
final class SPSCRing<Element>: @unchecked Sendable {
    let capacity: Int
    private let mask: Int
    private let slots: UnsafeMutablePointer<Element?>
    private let head = Atomic<Int>(0)
    private let tail = Atomic<Int>(0)

    /// `capacity` is rounded up to a power of two.
    init(capacity: Int) {
        var size = 1
        while size < max(capacity, 2) { size <<= 1 }
        self.capacity = size
        mask = size - 1
        slots = UnsafeMutablePointer<Element?>.allocate(capacity: size)
        slots.initialize(repeating: nil, count: size)
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    /// Producer side. Returns `false` (and keeps nothing) when full.
    func push(_ element: Element) -> Bool {
        let t = tail.load(ordering: .relaxed)
        let h = head.load(ordering: .acquiring)
        guard t - h < capacity else { return false }
        slots[t & mask] = element
        tail.store(t + 1, ordering: .releasing)
        return true
    }

    /// Consumer side.
    func pop() -> Element? {
        let h = head.load(ordering: .relaxed)
        let t = tail.load(ordering: .acquiring)
        guard h != t else { return nil }
        let element = slots[h & mask].take()
        head.store(h + 1, ordering: .releasing)
        return element
    }

    /// Elements currently queued (approximate while the other side runs).
    var count: Int { tail.load(ordering: .acquiring) - head.load(ordering: .acquiring) }
}
