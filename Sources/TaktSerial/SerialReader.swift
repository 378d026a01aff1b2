import Foundation
import Synchronization
public import TaktCore

/// Reads a receiver's serial port on a dedicated thread and delivers byte chunks as an `AsyncStream`, reopening
/// with back-off when the device vanishes (USB unplug, hang-up).
///
/// `sp_blocking_read` blocks, so it runs on its own `Thread`, never on the Swift cooperative pool. The stream keeps
/// at most `bufferLimit` chunks and drops the oldest beyond that, counting them in `droppedEvents`.
///
/// ```swift
/// let reader = SerialReader(path: "/dev/ttyACM0", configuration: SerialConfiguration(baudRate: 115_200))
/// reader.start()
/// for await event in reader.events {
///     if case .bytes(let chunk, let at) = event { decoder.append(chunk, receivedAt: at) }
/// }
/// ```
public final class SerialReader: Sendable {
    public let path: String
    public let configuration: SerialConfiguration
    public let events: AsyncStream<SerialEvent>
    private let continuation: AsyncStream<SerialEvent>.Continuation
    private let control = ThreadControl()
    private let backoff: ReconnectBackoff
    private let writer: Mutex<WriterSlot>

    public init(
        path: String, configuration: SerialConfiguration = SerialConfiguration(),
        backoff: ReconnectBackoff = ReconnectBackoff(), bufferLimit: Int = 4096
    ) {
        self.path = path
        self.configuration = configuration
        self.backoff = backoff
        self.writer = Mutex(WriterSlot())
        (events, continuation) = AsyncStream.makeStream(
            of: SerialEvent.self, bufferingPolicy: .bufferingNewest(bufferLimit))
        let control = self.control
        continuation.onTermination = { _ in control.stop.store(true, ordering: .relaxed) }
    }

    /// Chunks dropped because the consumer fell more than `bufferLimit` behind.
    public var droppedEvents: Int { control.dropped.load(ordering: .relaxed) }

    /// Starts the reader thread (once).
    public func start() {
        guard control.claimStart() else { return }
        let loop = SerialReaderLoop(reader: self)
        let thread = Thread { loop.run() }
        thread.name = "takt.serial.\(path)"
        thread.start()
    }

    /// Stops the thread; it closes the port and finishes `events`.
    public func shutdown() {
        control.stop.store(true, ordering: .relaxed)
        if !control.started.load(ordering: .relaxed) { continuation.finish() }
    }

    /// Writes bytes to the open port (e.g. receiver configuration, trigger commands). Fails if the port is not open.
    /// The corresponding C function is `sp_blocking_write`.
    public func write(_ bytes: [UInt8], timeoutMilliseconds: Int = 1000) throws(SerialPortError) {
        let result: Result<Void, SerialPortError> = writer.withLock { slot in
            guard let port = slot.port else {
                return .failure(SerialPortError("sp_blocking_write", errno: ENODEV, device: path))
            }
            do throws(SerialPortError) {
                try port.write(bytes, timeoutMilliseconds: timeoutMilliseconds)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    deinit { shutdown() }

    // The loop's view of this object.
    var threadControl: ThreadControl { control }
    var streamContinuation: AsyncStream<SerialEvent>.Continuation { continuation }
    var reconnectBackoff: ReconnectBackoff { backoff }
    func publish(_ port: SerialPort?) { writer.withLock { $0.port = port } }
}

/// Holds the open port for `write` while the reader thread owns it.
///
/// `@unchecked Sendable`: the `SerialPort` inside is only touched under the `Mutex` in `SerialReader` (writes) and by
/// the reader thread (reads); libserialport's blocking read and write on one port use the fd independently, which
/// POSIX allows from two threads.
struct WriterSlot: @unchecked Sendable {
    var port: SerialPort?
}
