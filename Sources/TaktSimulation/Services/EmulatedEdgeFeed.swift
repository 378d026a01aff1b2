import Foundation
import Glibc
public import Logging
public import ServiceLifecycle
import TaktCore
import TaktDaemon

/// Brings the exposure edges of an emulated trigger box (`hw/emulation/triggered_rig.py`) onto the simulated
/// receiver's event input: the emulator writes each edge's true host instant (CLOCK_MONOTONIC ns, 8 bytes
/// little-endian) into a FIFO; this converts it to GPS time with the simulator's truth and raises the edge, which the
/// receiver reports as UBX-TIM-TM2 (counter and all) through the daemon's UBX ingest, as a real receiver's EXTINT
/// would. Each edge's truth is printed as a JSON line on stdout (`{"simulator":"edge",…}`) so a test can check
/// the recorded exposure times against it.
///
/// The FIFO is read non-blocking, polled every 5 ms: edges are reported per navigation epoch (200 ms), so the poll
/// adds nothing to the marks' timing, which comes from the instants themselves.
public struct EmulatedEdgeFeed: Service {
    let path: String
    let truth: SimulatedTruth
    let input: SimulatedEventInput
    let logger: Logger

    public init(path: String, truth: SimulatedTruth, input: SimulatedEventInput, logger: Logger) {
        self.path = path
        self.truth = truth
        self.input = input
        self.logger = logger
    }

    public func run() async throws {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            logger.error("emulated edges: cannot open \(path) (errno \(errno))")
            return
        }
        defer { close(fd) }
        var pending: [UInt8] = []
        var edges = 0
        var buffer = [UInt8](repeating: 0, count: 256)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                pending += buffer[0..<n]
                while pending.count >= 8 {
                    let ns = pending[0..<8].reversed().reduce(Int64(0)) { $0 << 8 | Int64($1) }
                    pending.removeFirst(8)
                    let host = MonotonicInstant(nanoseconds: ns)
                    let gps = truth.gps(at: host)
                    input.edge(at: gps)
                    edges += 1
                    let line =
                        #"{"simulator":"edge","monotonicNs":\#(ns),"gpsNs":\#(gps.nanosecondsSinceEpoch)}"# + "\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
                continue
            }
            do { try await Task.sleep(for: .milliseconds(5)) } catch { break }
        }
        logger.info("emulated edges: \(edges) edges raised on the event input")
    }
}
