import Dispatch
import Foundation
import Synchronization
public import TaktCore

/// One sensor's ingest: drains its `UDPReceiver` on a dedicated thread, validates and classifies every datagram,
/// keeps the exact loss accounting, and hands each datagram to `sink` (the segment's pcap writer) in arrival order.
///
/// ```swift
/// let ingest = LiDARIngest(receiver: receiver, classifier: classifier) { datagram, _, _ in segment.append(…) }
/// ingest.start()
/// ingest.snapshot.counters.lost        // live, for status
/// ingest.stop()                        // drains, then finishes the tracker
/// ```
/// The receive thread never waits for this one: if it falls behind, the receiver's queue overflows and the drops
/// are counted here as `queueOverflows`. Silence is checked every `tickInterval`, so a sensor that stops is shown
/// silent within `silenceThreshold + tickInterval` (default 0.6 s) and recovers on its next packet.
///
/// `@unchecked Sendable`: the tracker and sink run only on the ingest thread; the published snapshot is behind a
/// `Mutex`; start/stop are guarded by atomics.
public final class LiDARIngest: @unchecked Sendable {
    /// What the status socket shows for one LiDAR.
    public struct Snapshot: Sendable, Hashable {
        public var counters = LiDARLossCounters()
        public var state: LiDARLinkState = .waiting
        public var packetsPerSecond: Int64 = 0
        public var bytesPerSecond: Int64 = 0
        /// The most recent closed frames (at most 64; all of them go to the frame sink).
        public var recentFrames: [LiDARFrameRecord] = []
        public var silences: [LiDARSilence] = []
        /// Why the most recent malformed datagram was rejected (for the log).
        public var lastMalformed: String?
    }

    /// Each datagram with its classification and the frame the tracker counted it towards (Ouster frame id,
    /// Velodyne revolution number; nil for duplicates and non-lidar packets).
    public typealias Sink = @Sendable (ReceivedDatagram, LiDARLossEvent, UInt32?) -> Void
    /// Receives closed frames' completeness records, for the bundle.
    public typealias FrameSink = @Sendable ([LiDARFrameRecord]) -> Void

    private let receiver: UDPReceiver
    private let classifier: LiDARPacketClassifier
    private let tickInterval: Duration
    private let sink: Sink
    private let frameSink: FrameSink
    private var recentFrames: [LiDARFrameRecord] = []
    private var lastMalformed: String?
    private var tracker: LiDARLossTracker
    private let published = Mutex(Snapshot())
    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    public init(
        receiver: UDPReceiver, classifier: LiDARPacketClassifier, silenceThreshold: Duration = .milliseconds(500),
        tickInterval: Duration = .milliseconds(100), frameSink: @escaping FrameSink = { _ in }, sink: @escaping Sink
    ) {
        self.frameSink = frameSink
        self.receiver = receiver
        self.classifier = classifier
        self.tickInterval = tickInterval
        self.sink = sink
        tracker = LiDARLossTracker(sequencing: classifier.sequencing, silenceThreshold: silenceThreshold)
    }

    public var snapshot: Snapshot { published.withLock { $0 } }

    /// Starts the receiver and the ingest thread.
    public func start() {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        receiver.start()
        Thread { [self] in
            run()
            finished.signal()
        }.start()
    }

    /// Stops receiving, drains what is queued, confirms open holes and closes open frames.
    public func stop() {
        guard started.load(ordering: .acquiring), !stopping.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        receiver.stop()
        finished.wait()
    }

    private func run() {
        var nextTick = UDPReceiver.monotonicNow()
        var reportedOverflows = 0
        while true {
            if let datagram = receiver.next(waitingUpTo: tickInterval) {
                let event = classifier.event(
                    payload: datagram.payload, port: datagram.destination.port, at: datagram.receivedAt)
                _ = tracker.handle(event)
                if case .malformed = event {
                    lastMalformed = classifier.rejection(payload: datagram.payload, port: datagram.destination.port)
                }
                let frame: UInt32?
                switch event {
                case .ouster, .velodyne: frame = tracker.lastPacketFrame
                default: frame = nil
                }
                sink(datagram, event, frame)
            } else if stopping.load(ordering: .acquiring) {
                break
            }
            let now = UDPReceiver.monotonicNow()
            if now >= nextTick {
                nextTick = now + tickInterval.nanoseconds
                let statistics = receiver.statistics
                _ = tracker.handle(.queueOverflow(count: Int64(statistics.queueOverflows - reportedOverflows)))
                reportedOverflows = statistics.queueOverflows
                _ = tracker.handle(.kernelDropTotal(Int64(statistics.kernelDrops)))
                // Only an empty queue can mean silence: with a backlog, the last handled packet's receive time
                // lags `now` without the sensor having stopped.
                if receiver.queuedCount == 0 { _ = tracker.handle(.tick(MonotonicInstant(nanoseconds: now))) }
                publish()
            }
        }
        let statistics = receiver.statistics
        _ = tracker.handle(.queueOverflow(count: Int64(statistics.queueOverflows - reportedOverflows)))
        _ = tracker.handle(.kernelDropTotal(Int64(statistics.kernelDrops)))
        _ = tracker.handle(.finish)
        publish()
    }

    private func publish() {
        let closed = tracker.takeClosedFrames()
        if !closed.isEmpty {
            frameSink(closed)
            recentFrames = Array((recentFrames + closed).suffix(64))
        }
        let snapshot = Snapshot(
            counters: tracker.counters, state: tracker.state, packetsPerSecond: tracker.rate.packetsPerSecond,
            bytesPerSecond: tracker.rate.bytesPerSecond, recentFrames: recentFrames, silences: tracker.silences,
            lastMalformed: lastMalformed)
        published.withLock { $0 = snapshot }
    }
}
