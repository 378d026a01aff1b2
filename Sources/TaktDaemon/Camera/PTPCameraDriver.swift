import TaktCore
public import TaktUSB

/// A USB PTP camera (Theta-class 360° camera) through `PTPCameraWorker`: the trigger's seq is the worker's capture
/// request, so every downloaded object comes back tagged with the trigger that caused it.
public final class PTPCameraDriver: CameraDriver {
    let worker: PTPCameraWorker
    public let events: AsyncStream<CameraDriverEvent>
    let continuation: AsyncStream<CameraDriverEvent>.Continuation
    public let detail: String

    public init(worker: PTPCameraWorker, detail: String) {
        self.worker = worker
        self.detail = detail
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(256))
    }

    public func start() {
        worker.start()
        let source = worker.events
        let out = continuation
        Task {
            var delivered = Set<UInt32>()
            for await event in source {
                guard let e = Self.translate(event) else { continue }
                if case .image(let seq, _, _, _) = e {
                    guard delivered.insert(seq).inserted else { continue }
                    if delivered.count > 100_000 { delivered.removeAll() }
                }
                out.yield(e)
            }
            out.finish()
        }
    }

    public func trigger(seq: UInt32) { worker.trigger(UInt64(seq)) }

    public func shutdown() { worker.shutdown() }

    /// Only the first object of a capture is the trigger's image; further objects (e.g. a RAW twin) are ignored.
    static func translate(_ event: CameraEvent) -> CameraDriverEvent? {
        switch event {
        case .downloaded(let image):
            guard let seq = UInt32(exactly: image.request) else { return nil }
            return .image(seq: seq, bytes: image.bytes, deviceReported: nil, at: HostClock.monotonic())
        case .failed(let request, let reason):
            guard let seq = UInt32(exactly: request) else { return nil }
            return .failed(seq: seq, reason: reason, at: HostClock.monotonic())
        case .lost(let reason, _, let at):
            return .linkDown(reason: reason, at: at)
        case .connected(let identity, let at):
            return .linkUp(detail: "\(identity.manufacturer) \(identity.model) \(identity.serialNumber)", at: at)
        case .deviceStatus(let reading, let at):
            return .deviceStatus(reading, at: at)
        case .recovered, .captured, .notFound, .announced:
            return nil
        }
    }
}
