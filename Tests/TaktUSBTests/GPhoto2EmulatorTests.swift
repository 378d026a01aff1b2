import Foundation
import Testing

/// The emulated camera (hw/emulation/ptp_camera.py) validated by an independent real PTP host: gphoto2 2.5.28 /
/// libgphoto2 2.5.30 over the real libusb 1.0.26, under umockdev.
@Suite(.serialized) struct GPhoto2EmulatorTests {
    @Test func autoDetectNamesTheTheta() throws {
        let out = try EmulatorRun.temporaryDirectory("gp-detect")
        let run = try EmulatorRun.camera(["--out-dir", out.path], helper: ["/usr/bin/gphoto2", "--auto-detect"])
        #expect(run.emulator("done").first?["helperExit"] as? Int == 0)
        #expect(run.text.contains { $0.contains("Ricoh Theta Z1") && $0.contains("usb:001,011") }, "\(run.text)")
    }

    @Test func summaryReadsDeviceStorageAndProperties() throws {
        let out = try EmulatorRun.temporaryDirectory("gp-summary")
        let run = try EmulatorRun.camera(["--out-dir", out.path], helper: ["/usr/bin/gphoto2", "--summary"])
        #expect(run.emulator("done").first?["helperExit"] as? Int == 0)
        let text = run.text.joined(separator: "\n")
        #expect(text.contains("Model: RICOH THETA Z1"))
        #expect(text.contains("Serial Number: 10010001"))
        #expect(text.contains("StorageDescription: Internal Memory"))
        #expect(text.contains("Battery Level(0x5001)") && text.contains("value: 87%"))
        #expect(text.contains("Still Capture Mode(0x5013)"))
    }

    @Test func captureImageAndDownloadIsByteIdentical() throws {
        let out = try EmulatorRun.temporaryDirectory("gp-capture")
        let run = try EmulatorRun.camera(
            ["--out-dir", out.path, "--shutter-lag", "0.4"],
            helper: ["/usr/bin/gphoto2", "--capture-image-and-download", "--filename", "downloaded.jpg"]
        )
        let done = try #require(run.emulator("done").first, "\(run.objects)")
        #expect(done["helperExit"] as? Int == 0)
        let produced = try #require(bytes(at: out.appendingPathComponent("capture-001.jpg").path))
        let downloaded = try #require(bytes(at: out.appendingPathComponent("downloaded.jpg").path), "\(run.text)")
        #expect(produced.count > 10_000 && produced.starts(with: [0xFF, 0xD8]))
        #expect(downloaded == produced)
        // gphoto2 deletes after download unless --keep: the card is empty again.
        #expect((done["objectsLeft"] as? [Int]) == [])
        #expect(run.camera("deleted").count == 1)
    }
}
