import Foundation
import Glibc
public import Logging
public import ServiceLifecycle
import TaktCore
import TaktDaemon

/// Drives the emulated serial receiver (`hw/emulation/umockdev_stream.py`): writes the simulated u-blox stream into
/// the emulator's data FIFO and, `ppsLead` before each true GPS second, the edge's true host instant
/// (CLOCK_MONOTONIC ns, 8 bytes little-endian) into its PPS FIFO, both paced in real time from the shared truth. The
/// emulator raises DCD at that instant and logs it beside the moment it did, so the emulation's own PPS latency can
/// be measured. The emulator copies the
/// bytes into the PTY behind `/dev/ttyUSB0` and pulses DCD, so the daemon reads them back through libserialport and
/// `TIOCMIWAIT` exactly as from a receiver on a USB-serial adapter.
///
/// The FIFOs are opened non-blocking: a stalled emulator costs counted drops (as a UART overrun would), never a
/// stalled daemon.
public struct EmulatedReceiverFeed: Service {
    let stream: SimulatedReceiverStream
    let dataPath: String
    let ppsPath: String
    let logger: Logger
    /// Edges on the receiver's EXTINT, appended as TIM-TM2 to the epoch after them (as the receiver does).
    let eventInput: SimulatedEventInput?

    public init(
        stream: SimulatedReceiverStream, dataPath: String, ppsPath: String, logger: Logger,
        eventInput: SimulatedEventInput? = nil
    ) {
        self.stream = stream
        self.dataPath = dataPath
        self.ppsPath = ppsPath
        self.logger = logger
        self.eventInput = eventInput
    }

    public func run() async throws {
        guard let data = FIFOWriter(path: dataPath), let pps = FIFOWriter(path: ppsPath) else {
            logger.error("emulated receiver: cannot open the emulator's FIFOs \(dataPath), \(ppsPath) (errno \(errno))")
            return
        }
        let truth = stream.truth
        var second = truth.gps(at: HostClock.monotonic()).wholeSeconds + 1
        var pulses = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let edge = GPSTime(nanosecondsSinceEpoch: second * GPSTime.nanosecondsPerSecond)
            let edgeHost = truth.host(at: edge)
            try await sleep(until: edgeHost + (.zero - Self.ppsLead))
            pps.write(withUnsafeBytes(of: edgeHost.nanoseconds.littleEndian) { Array($0) })
            pulses += 1
            for k in 0..<SimulatedReceiverStream.epochsPerSecond {
                let at = stream.epochTime(second: second, epoch: k) + SimulatedReceiverStream.outputLatency
                try await sleep(until: truth.host(at: at))
                var bytes = stream.bytes(second: second, epoch: k)
                if let input = eventInput { bytes += input.report(through: stream.epochTime(second: second, epoch: k)) }
                data.write(bytes)
            }
            second += 1
        }
        let dropped = data.dropped + pps.dropped
        logger.info("emulated receiver: \(pulses) pulses, \(data.written) bytes sent, \(dropped) bytes dropped")
    }

    /// How early each pulse is announced to the emulator, which raises DCD at the true instant on its own clock
    /// (like a receiver, whose PPS does not wait for its host): the simulator's task scheduling stays out of the
    /// PPS timing unless it is later than this.
    static let ppsLead: Duration = .milliseconds(200)

    private func sleep(until host: MonotonicInstant) async throws {
        let dt = host.nanoseconds - HostClock.monotonic().nanoseconds
        if dt > 0 { try await Task.sleep(for: .nanoseconds(dt)) }
    }
}

/// The write end of a FIFO, opened non-blocking; bytes the pipe cannot take are counted, not waited for.
final class FIFOWriter {
    private let fd: Int32
    private(set) var written = 0
    private(set) var dropped = 0

    /// `nil` when the FIFO cannot be opened (no reader yet gives ENXIO).
    init?(path: String) {
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        written += offset
        dropped += bytes.count - offset
    }

    deinit { close(fd) }
}
