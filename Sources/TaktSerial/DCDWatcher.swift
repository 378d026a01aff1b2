import CSerialPort
import Foundation
import Synchronization
public import TaktCore

/// Watches the DCD line of a serial port for PPS edges on a dedicated thread: `ioctl(TIOCMIWAIT, TIOCM_CD)`, then
/// `CLOCK_MONOTONIC`, then `TIOCMGET` for the new level (rising = assert) and `TIOCGICOUNT` to count edges missed
/// between waits. Opens its own handle on the port so its lifecycle is independent of the byte reader; reopens with
/// back-off when the device vanishes.
///
/// This is the plain (non-kernel) PPS path: expect tens of µs on RS-232 and 0.1–1 ms over USB serial.
public final class DCDWatcher: Sendable {
    public let path: String
    public let events: AsyncStream<DCDEvent>
    private let continuation: AsyncStream<DCDEvent>.Continuation
    private let control = ThreadControl()
    private let backoff: ReconnectBackoff
    private let configuration: SerialConfiguration

    public init(
        path: String, configuration: SerialConfiguration = SerialConfiguration(),
        backoff: ReconnectBackoff = ReconnectBackoff(), bufferLimit: Int = 256
    ) {
        self.path = path
        self.configuration = configuration
        self.backoff = backoff
        (events, continuation) = AsyncStream.makeStream(
            of: DCDEvent.self, bufferingPolicy: .bufferingNewest(bufferLimit))
        let control = self.control
        continuation.onTermination = { _ in control.stop.store(true, ordering: .relaxed) }
    }

    public var droppedEvents: Int { control.dropped.load(ordering: .relaxed) }

    public func start() {
        guard control.claimStart() else { return }
        let (path, configuration, backoff, control, continuation) = (
            path, configuration, backoff, control, continuation
        )
        let thread = Thread {
            Self.run(path: path, configuration: configuration, backoff: backoff, control: control, continuation)
        }
        thread.name = "takt.dcd.\(path)"
        thread.start()
    }

    /// Requests a stop. A thread blocked in TIOCMIWAIT notices at the next DCD change or device failure, since the
    /// wait has no timeout; the stream finishes then.
    public func shutdown() {
        control.stop.store(true, ordering: .relaxed)
        if !control.started.load(ordering: .relaxed) { continuation.finish() }
    }

    deinit { shutdown() }

    private static func run(
        path: String, configuration: SerialConfiguration, backoff initial: ReconnectBackoff, control: ThreadControl,
        _ continuation: AsyncStream<DCDEvent>.Continuation
    ) {
        var backoff = initial
        var inOutage = false
        while !control.stopped {
            do throws(SerialPortError) {
                let port = try SerialPort(path: path, configuration: configuration)
                let fd = try port.fileDescriptor()
                backoff.reset()
                inOutage = false
                control.yield(.opened(path: path, at: .now()), to: continuation)
                var lastCount = dcdCount(fd)
                while !control.stopped {
                    let waited = csp_wait_modem_change(fd, csp_tiocm_cd)
                    let at = MonotonicInstant.now()
                    if waited != 0 { throw SerialPortError("ioctl(TIOCMIWAIT)", errno: -waited, device: path) }
                    var bits: Int32 = 0
                    let got = csp_get_modem_bits(fd, &bits)
                    if got != 0 { throw SerialPortError("ioctl(TIOCMGET)", errno: -got, device: path) }
                    let count = dcdCount(fd)
                    var missed: Int?
                    if let count, let lastCount { missed = max(0, Int(count) - Int(lastCount) - 1) }
                    lastCount = count
                    let edge = DCDEdge(instant: at, isAssert: bits & csp_tiocm_cd != 0, missedTransitions: missed)
                    control.yield(.edge(edge), to: continuation)
                }
            } catch {
                if !inOutage {
                    control.yield(.failed(error, at: .now()), to: continuation)
                    inOutage = true
                }
                control.pause(backoff.nextDelay())
            }
        }
        continuation.finish()
    }

    /// The driver's DCD transition count, or `nil` where TIOCGICOUNT is unsupported.
    private static func dcdCount(_ fd: Int32) -> Int32? {
        var count: Int32 = 0
        return csp_get_dcd_count(fd, &count) == 0 ? count : nil
    }
}
