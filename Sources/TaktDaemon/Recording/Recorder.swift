import Foundation
import Synchronization
public import TaktCore
import TaktStore

/// Owns the session on disk: one dedicated writer thread takes items from a bounded queue, rotates segments on
/// GPS-second boundaries (opening N+1 before closing N), closes a timeline chunk and fdatasyncs every open file
/// at least once a second, and closes everything cleanly on stop, disk-low or shutdown.
///
/// Nothing else touches the files. Producers call `submit` (never blocks; a full queue is a counted loss) and
/// `send` for commands; status is read from a mutex-protected snapshot.
public final class Recorder: Sendable {
    public struct Configuration: Sendable {
        public var vehicleId: String
        public var outputDirectory: String
        public var rigFileBytes: [UInt8]
        public var rigFileName: String
        /// Extra session-level files (`rig/<name>`), e.g. LiDAR metadata.
        public var sensorMetadata: [String: [UInt8]]
        public var segmentSeconds: Int
        public var segmentMaxBytes: Int64
        public var queueCapacity: Int
        /// Interval between syncs of every open file (and timeline chunk closes): about the most a crash can lose.
        /// Half a second keeps the spine's "at most the last second" with room for a slow fdatasync under load
        /// (the SIGKILL test measured up to 0.88 s lost at 900 ms).
        public var syncInterval: Duration
        /// Space preallocated in the output directory while recording and freed when the disk fills, so the open
        /// segment can still be closed (see `EmergencySpace`); 0 disables it.
        public var emergencySpaceBytes: Int64
        /// Each sensor's cumulative loss/error counters (from the status board); the recorder writes each
        /// segment's share into its `segment.json`/`bag-info.txt` at close.
        public var sensorCounters: (@Sendable () -> [String: [String: Int64]])?

        public init(
            vehicleId: String, outputDirectory: String, rigFileBytes: [UInt8], rigFileName: String = "rig.json5",
            sensorMetadata: [String: [UInt8]] = [:], segmentSeconds: Int = 60,
            segmentMaxBytes: Int64 = OutputPolicy.defaultSegmentMaxBytes, queueCapacity: Int = 65536,
            syncInterval: Duration = .milliseconds(500), emergencySpaceBytes: Int64 = 4 << 20,
            sensorCounters: (@Sendable () -> [String: [String: Int64]])? = nil
        ) {
            self.sensorCounters = sensorCounters
            self.vehicleId = vehicleId
            self.outputDirectory = outputDirectory
            self.rigFileBytes = rigFileBytes
            self.rigFileName = rigFileName
            self.sensorMetadata = sensorMetadata
            self.segmentSeconds = segmentSeconds
            self.segmentMaxBytes = segmentMaxBytes
            self.queueCapacity = queueCapacity
            self.syncInterval = syncInterval
            self.emergencySpaceBytes = emergencySpaceBytes
        }
    }

    /// Current GPS time from the time base, with the host instant it was read at.
    public typealias Now = @Sendable () -> (MonotonicInstant, TimelineTime)
    /// Called on the writer thread for things the operator must see (logged by the daemon).
    public typealias Notice = @Sendable (String) -> Void

    enum Entry: Sendable {
        case item(RecordItem)
        case command(RecorderCommand)
    }

    private let queue: BlockingQueue<Entry>
    private let thread = ThreadBox()
    private let shared = Shared()

    /// State the writer thread publishes for readers on other threads.
    final class Shared: Sendable {
        let status = Mutex(RecordingStatus(state: .stopped, ok: false, reasons: ["not started"]))
        let bytesWritten = Atomic<Int64>(0)
    }

    public init(configuration: Configuration, now: @escaping Now, notice: @escaping Notice = { _ in }) {
        queue = BlockingQueue(capacity: configuration.queueCapacity)
        let q = queue
        let sh = shared
        thread.start(name: "takt-writer") {
            var loop = RecorderLoop(configuration: configuration, now: now, notice: notice, queue: q)
            loop.run { status, written in
                sh.status.withLock { $0 = status }
                sh.bytesWritten.store(written, ordering: .relaxed)
            }
        }
    }

    /// Hands an item to the writer. Returns false when the queue was full (counted as a loss in the segment).
    @discardableResult
    public func submit(_ item: RecordItem) -> Bool { queue.push(.item(item)) }

    public func send(_ command: RecorderCommand) { queue.pushAlways(.command(command)) }

    public var status: RecordingStatus { shared.status.withLock { $0 } }

    /// Bytes written to disk so far (for the disk guard's rate).
    public var bytesWritten: Int64 { shared.bytesWritten.load(ordering: .relaxed) }

    public var queueDepth: Int { queue.depth }
    public var queueDrops: Int64 { queue.dropped }

    /// Closes the open segment and session, then ends the writer thread.
    public func shutdown() {
        send(.shutdown)
        thread.join()
    }
}
