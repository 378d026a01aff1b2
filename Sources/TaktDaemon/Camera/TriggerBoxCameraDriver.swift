import Synchronization
public import TaktCore
public import TaktSerial
public import TaktUSB

/// A camera fired through its trigger input by a USB-serial trigger box (hw/wiring/trigger-box.md), with its
/// images downloaded over USB PTP: `trigger(seq:)` sends `T <seq>` (no InitiateCapture); the PTP worker runs in
/// `.announcedObjects` mode and downloads every image the camera announces, which `TriggerBoxCameraState` assigns
/// to the pulses in order. A refused, unacknowledged or unsendable pulse, and a pulse with no image in its window,
/// is a failure at once, with its reason.
///
/// Blocking work stays on dedicated threads: the box's reads (`SerialReader`), its writes (`TriggerBoxWriter`) and
/// libusb (`PTPCameraWorker`). One task owns the state; everything reaches it through one stream.
public final class TriggerBoxCameraDriver: CameraDriver {
    public struct Configuration: Sendable {
        /// A pulse not acknowledged within this is a failed trigger (the box answers within 5 ms).
        public var ackTimeout: Duration = .milliseconds(300)
        /// When, after the pulse command, the camera must announce the image.
        public var imageWindow = TriggeredImageAssigner.Configuration(maximumDelay: .milliseconds(900))
        public var tick: Duration = .milliseconds(50)
        public init() {}
    }

    let boxId: String
    let reader: SerialReader
    let worker: PTPCameraWorker
    let writer: TriggerBoxWriter
    let context: DaemonContext
    let configuration: Configuration
    let inputs: AsyncStream<TriggerBoxCameraState.Input>
    let feed: AsyncStream<TriggerBoxCameraState.Input>.Continuation
    let stopped = Atomic<Bool>(false)
    public let events: AsyncStream<CameraDriverEvent>
    let continuation: AsyncStream<CameraDriverEvent>.Continuation
    public let detail: String

    /// `worker` must be configured with `mode = .announcedObjects`.
    public init(
        boxId: String, reader: SerialReader, worker: PTPCameraWorker, context: DaemonContext, detail: String,
        configuration: Configuration = Configuration()
    ) {
        self.boxId = boxId
        self.reader = reader
        self.worker = worker
        self.context = context
        self.detail = detail
        self.configuration = configuration
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(256))
        let (inputs, feed) = AsyncStream<TriggerBoxCameraState.Input>.makeStream()
        self.inputs = inputs
        self.feed = feed
        writer = TriggerBoxWriter(reader: reader) { seq, error in
            feed.yield(.writeFailed(seq, error, at: HostClock.monotonic()))
        }
    }

    public func start() {
        context.board.update(
            sensor: SensorStatus(id: boxId, kind: .triggerBox, health: .starting, detail: reader.path))
        reader.start()
        worker.start()
        writer.start()
        let (feed, out, tick) = (self.feed, continuation, configuration.tick)
        let (reader, worker) = (self.reader, self.worker)
        Task { for await e in reader.events { feed.yield(.serial(e)) } }
        Task { for await e in worker.events { feed.yield(.camera(e)) } }
        Task {
            // Ends when the input stream is finished (shutdown).
            while true {
                do { try await Task.sleep(for: tick) } catch { return }
                if case .terminated = feed.yield(.tick(HostClock.monotonic())) { return }
            }
        }
        let initial = TriggerBoxCameraState(
            boxId: boxId, device: reader.path, context: context, ackTimeout: configuration.ackTimeout,
            imageWindow: configuration.imageWindow)
        let inputs = self.inputs
        Task {
            var state = initial
            for await input in inputs {
                for event in state.handle(input) { out.yield(event) }
            }
            state.publish()
            out.finish()
        }
    }

    public func trigger(seq: UInt32) {
        feed.yield(.sending(seq, at: HostClock.monotonic()))
        writer.send(seq)
    }

    public func shutdown() {
        guard stopped.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        writer.stop()
        reader.shutdown()
        worker.shutdown()
        feed.finish()
    }
}
