import Foundation
import Testing
import TaktCore
@testable import TaktSerial

/// SerialReader and DCDWatcher through the real libserialport 0.1.1 against a umockdev-emulated USB-serial receiver
/// (hw/emulation/umockdev_receiver.py), run in `takt probe serial` under umockdev's preload.
@Suite(.serialized) struct SerialEmulationTests {
    /// NMEA text plus every byte value, so CR/LF translation or 8-bit stripping by the tty would show.
    static let payload: [UInt8] =
        Array("$GPGGA,070000.00,4807.0380,N,01131.0000,E,1,08,0.9,545.4,M,46.9,M,,*63\r\n".utf8)
        + (0...255).map { UInt8($0) } + [0xB5, 0x62, 0x01, 0x07, 0x00, 0x00, 0x08, 0x19]

    @Test func bytesAndDCDPulsesArriveAndRemovalIsReported() throws {
        let pulses = 5
        let run = try HarnessRun.run(payload: Self.payload, pulses: pulses)
        #expect(run.exitStatus == 0)
        let done = try #require(run.harness("done"), "harness did not finish: \(run.lines)")
        #expect(done["status"] as? String == "ok")
        #expect(done["helperExit"] as? Int == 0, "takt probe crashed or was killed")

        #expect(run.events("opened", source: "serial").count == 1)
        #expect(run.events("opened", source: "dcd").count == 1)

        // Byte-exact, in order, whatever the chunking.
        var received: [UInt8] = []
        for chunk in run.events("bytes") {
            received += try #require([UInt8](hex: chunk["hex"] as? String ?? "x"))
        }
        #expect(received == Self.payload)

        // Each pulse is one rising (assert) and one falling edge, none missed per TIOCGICOUNT.
        let edges = run.events("dcd")
        #expect(edges.count == 2 * pulses)
        #expect(edges.filter { $0["assert"] as? Bool == true }.count == pulses)
        #expect(edges.enumerated().allSatisfy { i, e in e["assert"] as? Bool == (i % 2 == 0) })
        #expect(edges.allSatisfy { $0["missed"] as? Int == 0 })
        let instants = edges.compactMap { $0["monotonicNs"] as? Int }
        #expect(instants.count == edges.count && zip(instants, instants.dropFirst()).allSatisfy { $0 < $1 })

        // Device removal: both paths report a typed failure naming the device; the probe then exits normally.
        let serialFailure = try #require(run.events("failed", source: "serial").first)
        #expect(serialFailure["device"] as? String == "/dev/ttyUSB0")
        #expect((serialFailure["message"] as? String)?.isEmpty == false)
        let dcdFailure = try #require(run.events("failed", source: "dcd").first)
        #expect(dcdFailure["function"] as? String == "ioctl(TIOCMIWAIT)")
        #expect(dcdFailure["code"] as? Int == Int(EIO))
        #expect(run.events("exit").count == 1)
    }
}
