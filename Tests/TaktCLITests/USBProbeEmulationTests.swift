import Foundation
import Testing

/// `takt probe usb` (TaktUSB over the real libusb 1.0.26) replaying umockdev's recorded Canon PowerShot SX200 bus
/// under `umockdev-run -d`: enumeration only. The expected devices are read independently from the recording's
/// sysfs attributes.
@Suite struct USBProbeEmulationTests {
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var sharedData: URL {
        if let shared = ProcessInfo.processInfo.environment["TAKT_SHARED"] { return URL(fileURLWithPath: shared) }
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    struct Expected: Hashable {
        var bus: Int
        var address: Int
        var id: String
        var deviceClass: Int
    }

    /// USB devices in a umockdev description: blocks starting at `P:` with `E: DEVTYPE=usb_device`.
    static func expectedDevices(in text: String) -> Set<Expected> {
        var result: Set<Expected> = []
        for block in text.components(separatedBy: "\n\n") {
            var fields: [String: String] = [:]
            for line in block.split(separator: "\n") where line.hasPrefix("E: ") || line.hasPrefix("A: ") {
                let kv = line.dropFirst(3).split(separator: "=", maxSplits: 1)
                if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
            }
            guard fields["DEVTYPE"] == "usb_device", let bus = fields["BUSNUM"].flatMap({ Int($0) }),
                let address = fields["DEVNUM"].flatMap({ Int($0) }), let vendor = fields["idVendor"],
                let product = fields["idProduct"], let cls = fields["bDeviceClass"].flatMap({ Int($0, radix: 16) })
            else { continue }
            result.insert(Expected(bus: bus, address: address, id: "\(vendor):\(product)", deviceClass: cls))
        }
        return result
    }

    static func taktExecutable() throws -> String {
        let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let candidate = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("takt").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw ProbeTestError(description: "takt not found at \(candidate); run `swift build --build-tests`")
        }
        return candidate
    }

    struct ProbeTestError: Error, CustomStringConvertible { var description: String }

    @Test func enumeratesTheRecordedCanonBus() throws {
        let fixture = Self.sharedData.appendingPathComponent(
            "data/usb/umockdev-canon-ptp/canon-powershot-sx200.umockdev")
        let text = try #require(
            try? String(contentsOf: fixture, encoding: .utf8), "shared data missing: \(fixture.path) (set TAKT_SHARED)")
        let expected = Self.expectedDevices(in: text)
        #expect(expected.count == 5, "fixture should hold the camera and four hubs")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/umockdev-run")
        process.arguments = ["-d", fixture.path, "--", try Self.taktExecutable(), "probe", "usb"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "LD_PRELOAD")
        environment.removeValue(forKey: "UMOCKDEV_DIR")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        let seen = Set(
            lines.compactMap { line -> Expected? in
                guard let bus = line["bus"] as? Int, let address = line["address"] as? Int,
                    let id = line["id"] as? String, let cls = (line["class"] as? String)?.split(separator: "/").first,
                    let deviceClass = Int(cls)
                else { return nil }
                return Expected(bus: bus, address: address, id: id, deviceClass: deviceClass)
            })
        #expect(seen == expected)

        let camera = try #require(lines.first { $0["id"] as? String == "04a9:31c0" })
        #expect(camera["interfaces"] as? [String] == ["6/1/1"])
        #expect(camera["stillImage"] as? Bool == true)
        #expect(lines.filter { $0["stillImage"] as? Bool == true }.count == 1)
    }
}
