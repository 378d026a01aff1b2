import Foundation
import TaktCore
import Testing

@testable import TaktSerial

/// SerialReader and DCDWatcher through the real libserialport 0.1.1 against a umockdev-emulated USB-serial receiver
/// (hw/emulation/umockdev_receiver.py), run in `takt probe serial` under umockdev's preload.
@Suite(.serialized) struct SerialEmulationTests {
    /// NMEA text plus every byte value, so CR/LF translation or 8-bit stripping by the tty would show.
    static let payload: [UInt8] =
        Array("$GPGGA,070000.00,4807.0380,N,01131.0000,E,1,08,0.9,545.4,M,46.9,M,,*63\r\n".utf8)
        + (0...255).map { UInt8($0) } + [0xB5, 0x62, 0x01, 0x07, 0x00, 0x00, 0x08, 0x19]

    /// A UBX-style command with bytes a cooked tty would mangle (LF, CR, 0xFF).
    static let command: [UInt8] = [0xB5, 0x62, 0x06, 0x04, 0x0A, 0x0D, 0xFF, 0x00]

    @Test(arguments: [false, true])
    func bytesDCDPulsesWritesAndDeviceLoss(replug: Bool) throws {
        let pulses = 5
        let sessions = replug ? 2 : 1
        let run = try HarnessRun.run(payload: Self.payload, pulses: pulses, send: Self.command, replug: replug)
        #expect(run.exitStatus == 0)
        let done = try #require(run.harness("done").first, "harness did not finish: \(run.lines)")
        #expect(done["status"] as? String == "ok")
        #expect(done["helperExit"] as? Int == 0, "takt probe crashed or was killed")

        #expect(run.events("opened", source: "serial").count == sessions)
        #expect(run.events("opened", source: "dcd").count == sessions)

        // Receiver → Takt: byte-exact, in order, whatever the chunking (once per session).
        var received: [UInt8] = []
        for chunk in run.events("bytes") {
            received += try #require([UInt8](hex: chunk["hex"] as? String ?? "x"))
        }
        #expect(received == Array([[UInt8]](repeating: Self.payload, count: sessions).joined()))

        // Takt → receiver: SerialReader.write arrives byte-exact at the PTY master after each open.
        let echoed = run.harness("received").compactMap { $0["hex"] as? String }
        #expect(echoed == [String](repeating: HarnessRun.hex(Self.command), count: sessions))

        // Each pulse is one rising (assert) and one falling edge, none missed per TIOCGICOUNT.
        let edges = run.events("dcd")
        let expectedPulses = replug ? pulses + 1 : pulses
        #expect(edges.count == 2 * expectedPulses)
        #expect(edges.filter { $0["assert"] as? Bool == true }.count == expectedPulses)
        #expect(edges.enumerated().allSatisfy { i, e in e["assert"] as? Bool == (i % 2 == 0) })
        #expect(edges.allSatisfy { $0["missed"] as? Int == 0 })
        let instants = edges.compactMap { $0["monotonicNs"] as? Int }
        #expect(instants.count == edges.count && zip(instants, instants.dropFirst()).allSatisfy { $0 < $1 })

        // Device loss: each outage is reported once per path, typed and naming the device; after a replug the
        // reader and watcher reopened by themselves (the harness saw refused attempts in between).
        let serialFailures = run.events("failed", source: "serial")
        #expect(serialFailures.count == sessions)
        #expect(serialFailures.allSatisfy { $0["device"] as? String == "/dev/ttyUSB0" })
        #expect(serialFailures.allSatisfy { ($0["message"] as? String)?.isEmpty == false })
        let dcdFailures = run.events("failed", source: "dcd")
        #expect(dcdFailures.count == sessions)
        #expect(
            dcdFailures.allSatisfy {
                $0["function"] as? String == "ioctl(TIOCMIWAIT)" && $0["code"] as? Int == Int(EIO)
            })
        if replug {
            let refused = try #require(run.harness("replugged").first?["refusedAttempts"] as? Int)
            #expect(refused >= 2)
        }
        #expect(run.events("writeFailed").isEmpty)
        #expect(run.events("exit").count == 1)
    }
}
