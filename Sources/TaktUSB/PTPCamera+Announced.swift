public import TaktCore

extension PTPCamera {
    /// An object the camera announced by itself (ObjectAdded on the interrupt endpoint), stamped on arrival.
    public struct Announcement: Hashable, Sendable {
        public var handle: UInt32
        public var at: MonotonicInstant
    }

    /// Waits up to `timeout` for events and returns the ObjectAdded announcements among them, for a camera fired by
    /// its trigger input (no InitiateCapture: the camera announces each exposure on its own). Other valid events
    /// and garbage on the interrupt endpoint are counted.
    public func announcedObjects(timeout: Duration) throws(PTPCameraError) -> [Announcement] {
        var out: [Announcement] = []
        var wait = timeout
        while let item = events.next(timeout: wait) {
            wait = .zero
            switch item {
            case .failed(let error, _):
                throw .usb(error)
            case .transfer(let bytes, let at):
                guard let event = try? PTPEvent(decoding: bytes) else {
                    counters.garbageEvents += 1
                    continue
                }
                if event.code == .objectAdded, let handle = event.parameters.first {
                    out.append(Announcement(handle: handle, at: at))
                } else {
                    counters.otherEvents += 1
                }
            }
        }
        return out
    }
}
