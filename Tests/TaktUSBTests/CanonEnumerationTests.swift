import Foundation
import Testing

/// Takt's USB discovery (`USBContext.devices()` via `takt probe camera --list`) against a real PTP camera's
/// recorded sysfs/udev tree: umockdev's Canon PowerShot SX200 IS recording in shared/data/usb, under umockdev-run.
@Suite struct CanonEnumerationTests {
    @Test func discoveryFindsTheCanonAsAPTPClassDevice() throws {
        let device = EmulatorRun.sharedRoot.appendingPathComponent(
            "data/usb/umockdev-canon-ptp/canon-powershot-sx200.umockdev"
        )
        guard FileManager.default.fileExists(atPath: device.path) else {
            throw HarnessError("shared data missing at \(device.path) (set TAKT_SHARED or create ../shared)")
        }
        let run = try EmulatorRun.run(
            "/usr/bin/umockdev-run",
            ["-d", device.path, "--", try EmulatorRun.taktExecutable(), "probe", "camera", "--list"]
        )
        #expect(run.exitStatus == 0)
        let devices = run.events("device")
        #expect(
            devices.count == 5,
            "the recording holds the camera, three hubs and the root hub (plus the PCI controller)"
        )
        let ptp = devices.filter { $0["ptp"] as? Bool == true }
        let canon = try #require(ptp.first, "\(devices)")
        #expect(ptp.count == 1)
        #expect(canon["vendor"] as? Int == 0x04A9 && canon["product"] as? Int == 0x31C0)
        #expect(canon["path"] as? String == "/dev/bus/usb/001/011")
        #expect(canon["selected"] as? Bool == true, "no vendor given: any PTP-class device is selected")
        let interface = try #require((canon["interfaces"] as? [[String: Any]])?.first)
        #expect(
            interface["class"] as? Int == 6 && interface["subclass"] as? Int == 1 && interface["protocol"] as? Int == 1
        )
        #expect(
            interface["bulkIn"] as? Int == 0x81 && interface["bulkOut"] as? Int == 0x02
                && interface["interruptIn"] as? Int == 0x83
        )
        #expect(devices.filter { $0["ptp"] as? Bool != true }.allSatisfy { $0["selected"] as? Bool == false })
    }

    @Test func vendorFilterExcludesTheCanon() throws {
        let device = EmulatorRun.sharedRoot.appendingPathComponent(
            "data/usb/umockdev-canon-ptp/canon-powershot-sx200.umockdev"
        )
        let run = try EmulatorRun.run(
            "/usr/bin/umockdev-run",
            [
                "-d", device.path, "--", try EmulatorRun.taktExecutable(), "probe", "camera", "--list", "--vendor",
                "05ca",
            ]
        )
        #expect(run.exitStatus == 0)
        #expect(run.events("device").contains { $0["vendor"] as? Int == 0x04A9 && $0["selected"] as? Bool == false })
    }
}
