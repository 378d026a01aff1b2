import Foundation
import Synchronization
public import TaktCore

/// Runs a PTP camera on its own thread and bridges it to async code: `trigger(_:)` queues a capture request,
/// `events` delivers what happened (`CameraEvent`), across unplug/replug.
///
/// Every libusb call blocks, so the camera lives on a dedicated `Thread`, never on the cooperative pool. The event
/// stream keeps at most `bufferLimit` events and drops the oldest beyond that, counting them in `droppedEvents`.
///
/// ```swift
/// let worker = PTPCameraWorker(context: usb, selector: CameraDeviceSelector(vendorID: 0x05CA))
/// worker.start()
/// worker.trigger(1)
/// for await event in worker.events { if case .downloaded(let image) = event { store(image) } }
/// ```
public final class PTPCameraWorker: Sendable {
    public struct Configuration: Sendable {
        /// Delete each image from the camera after a verified download (size and JPEG SOI/EOI).
        public var deleteAfterVerifiedDownload = false
        public var captureTimeout: Duration = .seconds(10)
        public var transferTimeoutMilliseconds: UInt32 = 5000
        /// How long one search for the device lasts before `.notFound` is reported (searching continues).
        public var searchWindow: Duration = .seconds(2)
        public var bufferLimit = 256
        /// How captures start: by InitiateCapture per trigger request, or by the camera's own trigger input (a
        /// trigger box), in which case the worker sends no capture and downloads every object the camera announces.
        public var mode = Mode.initiateCapture

        public init() {}
    }

    public enum Mode: Sendable, Hashable {
        case initiateCapture
        case announcedObjects
    }

    public let events: AsyncStream<CameraEvent>
    let continuation: AsyncStream<CameraEvent>.Continuation
    let requests = RequestQueue()
    let stop = Atomic<Bool>(false)
    let started = Atomic<Bool>(false)
    let dropped = Atomic<Int>(0)
    let status: Mutex<WorkerStatus>
    let loop: PTPCameraWorkerLoop

    public init(context: USBContext, selector: CameraDeviceSelector, configuration: Configuration = Configuration()) {
        (events, continuation) = AsyncStream.makeStream(
            of: CameraEvent.self,
            bufferingPolicy: .bufferingNewest(configuration.bufferLimit)
        )
        status = Mutex(WorkerStatus())
        loop = PTPCameraWorkerLoop(context: context, selector: selector, configuration: configuration)
    }

    /// Starts the camera thread (once).
    public func start() {
        guard started.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        let thread = Thread { [self] in loop.run(self) }
        thread.name = "takt.camera"
        thread.start()
    }

    /// Queues one capture; its events carry `request`.
    public func trigger(_ request: UInt64) { requests.push(request) }

    /// Stops the thread after its current step; it closes the session and finishes `events`.
    public func shutdown() {
        stop.store(true, ordering: .relaxed)
        requests.wake()
        if !started.load(ordering: .relaxed) { continuation.finish() }
    }

    /// Events dropped because the consumer fell more than `bufferLimit` behind.
    public var droppedEvents: Int { dropped.load(ordering: .relaxed) }

    /// Bad-input counts over all connections so far.
    public var counters: PTPLinkCounters { status.withLock { $0.counters } }
    /// The outages recorded so far.
    public var gaps: [CameraLinkRecorder.Gap] { status.withLock { $0.gaps } }
    /// Hot-plug notifications seen (nil where libusb has no hot-plug support).
    public var hotplugCounts: (arrivals: Int, departures: Int)? { status.withLock { $0.hotplug } }

    func emit(_ event: CameraEvent) {
        if case .dropped = continuation.yield(event) { dropped.add(1, ordering: .relaxed) }
    }
}

/// Numbers the camera thread publishes for other threads.
struct WorkerStatus: Sendable {
    var counters = PTPLinkCounters()
    var gaps: [CameraLinkRecorder.Gap] = []
    var hotplug: (arrivals: Int, departures: Int)?
}

/// Pending trigger requests, handed from any thread to the camera thread.
///
/// `@unchecked Sendable`: all state is guarded by `condition`.
final class RequestQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [UInt64] = []
    private var woken = false

    func push(_ request: UInt64) {
        condition.withLock {
            items.append(request)
            condition.broadcast()
        }
    }

    func wake() {
        condition.withLock {
            woken = true
            condition.broadcast()
        }
    }

    /// The oldest request, waiting up to `timeout`; nil on timeout or `wake()`.
    func next(timeout: Duration) -> UInt64? {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, !woken, condition.wait(until: deadline) {}
        woken = false
        return items.isEmpty ? nil : items.removeFirst()
    }
}
