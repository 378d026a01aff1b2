public import ArgumentParser
import Foundation
import TaktCore
import TaktSerial

extension Takt {
    /// Hardware probes: open one device through its adapter and print what arrives as JSON lines. Used by the
    /// umockdev test harness (Tests/TaktSerialTests) and by technicians bringing up a rig. Hidden from help.
    public struct Probe: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Print what a device delivers through Takt's adapters, as JSON lines.",
            shouldDisplay: false,
            subcommands: [Serial.self, USB.self]
        )
        public init() {}
    }
}

extension Takt.Probe {
    /// `takt probe serial DEVICE`: bytes through `SerialReader` and, with `--pps`, DCD edges through `DCDWatcher`.
    public struct Serial: AsyncParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Read a serial receiver through libserialport; print bytes (hex) and DCD edges as JSON lines.")

        @Argument(help: "Device path, e.g. /dev/ttyUSB0.")
        var device: String

        @Option(help: "Baud rate.")
        var baud: Int = 115_200

        @Flag(help: "Also watch DCD for PPS edges (TIOCMIWAIT).")
        var pps = false

        @Option(help: "Exit after the byte reader has reported this many failures (device vanished); 0 runs forever.")
        var exitAfterFailures = 0

        @Option(help: "Hex bytes to write to the port each time it (re)opens, through SerialReader.write.")
        var sendHex: String?

        public init() {}

        public func run() async throws {
            let configuration = SerialConfiguration(baudRate: baud)
            let backoff = ReconnectBackoff(initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
            let reader = SerialReader(path: device, configuration: configuration, backoff: backoff)
            let watcher = pps ? DCDWatcher(path: device, configuration: configuration, backoff: backoff) : nil
            let out = ProbeOutput()
            let exitAfterFailures = self.exitAfterFailures
            let send = try sendHex.map { hex throws(ValidationError) in
                guard let bytes = ProbeLine.bytes(hex: hex) else { throw ValidationError("--send-hex: not hex") }
                return bytes
            }
            reader.start()
            watcher?.start()
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    var failures = 0
                    for await event in reader.events {
                        await out.emit(ProbeLine.serial(event))
                        switch event {
                        case .opened:
                            guard let send else { break }
                            do throws(SerialPortError) {
                                try reader.write(send)
                                await out.emit(#"{"event":"written","count":\#(send.count)}"#)
                            } catch {
                                await out.emit(ProbeLine.writeFailure(error))
                            }
                        case .failed:
                            failures += 1
                        case .bytes:
                            break
                        }
                        if exitAfterFailures > 0, failures >= exitAfterFailures { break }
                    }
                    reader.shutdown()
                    watcher?.shutdown()
                }
                if let watcher {
                    group.addTask {
                        for await event in watcher.events { await out.emit(ProbeLine.dcd(event)) }
                    }
                }
                // The byte reader decides when the probe ends; the DCD thread may still sit in TIOCMIWAIT.
                await group.next()
                group.cancelAll()
            }
            await out.emit(#"{"event":"exit","droppedChunks":\#(reader.droppedEvents)}"#)
        }
    }
}

/// Serialises probe output lines and flushes each, so a harness reading the pipe sees events as they happen.
actor ProbeOutput {
    func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
