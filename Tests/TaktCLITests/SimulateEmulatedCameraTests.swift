import Foundation
import Testing

/// `takt simulate` with the umockdev-emulated THETA-like camera (hw/emulation/ptp_camera.py) instead of the simulated
/// one: the daemon's CameraService drives PTPCameraWorker through the real libusb, and every image in the bundle must
/// be byte-identical to a capture the emulator saved, every exposure an image or a reported miss.
@Suite struct SimulateEmulatedCameraTests {
    @Test func daemonDrivesTheEmulatedCameraEndToEnd() throws {
        let root = USBProbeEmulationTests.repoRoot
        let takt = try USBProbeEmulationTests.taktExecutable()
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("takt-emucam-\(UUID().uuidString)")
        let captures = tmp.appendingPathComponent("captures")
        let sessions = tmp.appendingPathComponent("sessions")
        try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }

        let run = try Self.run("/usr/bin/python3", [
            root.appendingPathComponent("hw/emulation/ptp_camera.py").path, "--out-dir", captures.path,
            "--busy-at-capture", "2",
            // 20 % at connection, 1 % per capture: the re-read after captures must find it low and say so.
            "--battery", "20", "--battery-drain", "1", "--",
            takt, "simulate", "--rig", root.appendingPathComponent("hw/rigs/sim-usbcam.json5").path, "--duration", "12",
            "--output", sessions.path, "--socket", tmp.appendingPathComponent("t.sock").path,
        ])
        try #require(run.status == 0, "emulator/simulate failed: \(run.stderr.suffix(2000))")

        let check = try Self.run("python3", ["-c", """
            import sys, glob, json, os, hashlib
            from mcap.reader import make_reader
            caps = {hashlib.sha256(open(p, 'rb').read()).hexdigest() for p in glob.glob(sys.argv[1] + '/capture-*.jpg')}
            out = {'captures': len(caps), 'images': 0, 'identical': 0, 'exposures': 0, 'unexplained': 0, 'triggers': 0}
            missing = set(); nofile = []; trig = {}; refused = {}
            for f in sorted(glob.glob(sys.argv[2] + '/*/segments/*/data/timeline.mcap')):
                with open(f, 'rb') as fh:
                    for s, ch, m in make_reader(fh, validate_crcs=True).iter_messages():
                        d = json.loads(m.data)
                        if ch.topic == '/camera/cam0/trigger':
                            out['triggers'] += 1
                            trig[d['seq']] = m.log_time
                        if ch.topic == '/events' and d['kind'] == 'image-missing':
                            missing.add(int(d['attributes']['seq']))
                            if 'InitiateCapture' in d['message'] or 'answered' in d['message']:
                                refused[int(d['attributes']['seq'])] = m.log_time
                        if ch.topic == '/events' and d['kind'] == 'camera-supply' and d['attributes'].get('kind') == 'battery':
                            out['batteryWarnings'] = out.get('batteryWarnings', 0) + 1
                            out['batteryWarnedPercent'] = int(d['message'].split('battery ')[1].split(' %')[0])
                        if ch.topic != '/camera/cam0/exposure': continue
                        out['exposures'] += 1
                        if d.get('file'):
                            out['images'] += 1
                            b = open(os.path.join(os.path.dirname(f), d['file']), 'rb').read()
                            out['identical'] += hashlib.sha256(b).hexdigest() in caps
                        else:
                            nofile.append(d['seq'])
            out['unexplained'] = len([s for s in nofile if s not in missing])
            out['missingEvents'] = len(missing)
            # The refused capture (DeviceBusy) is a miss at once: reported before the next trigger was planned.
            out['refusedMisses'] = len(refused)
            out['refusedBeforeNext'] = sum(1 for q, t in refused.items() if t < trig.get(q + 1, float('inf')))
            print(json.dumps(out))
            """, captures.path, sessions.path])
        try #require(check.status == 0, "\(check.stderr)")
        let r = try JSONDecoder().decode([String: Int].self, from: Data(check.stdout.utf8))
        let images = try #require(r["images"])
        #expect(images >= 3, "\(r)")
        #expect(r["identical"] == images, "every recorded image is a capture the camera sent: \(r)")
        #expect(r["unexplained"] == 0, "\(r)")
        // The emulator answers the 2nd InitiateCapture DeviceBusy: that trigger is a reported miss at once.
        #expect(r["refusedMisses"] == 1 && r["refusedBeforeNext"] == 1, "\(r)")
        // Every trigger is an exposure record, or a fire cut off by shutdown (reported as image-missing).
        #expect((r["triggers"] ?? 0) <= (r["exposures"] ?? 0) + (r["missingEvents"] ?? 0), "\(r)")
        // Battery re-read on the camera thread after captures, through CameraService into the bundle: one event.
        #expect(r["batteryWarnings"] == 1, "\(r)")
        #expect((r["batteryWarnedPercent"] ?? 100) < 20, "\(r)")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ tool: String, _ args: [String]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Read both pipes concurrently so neither fills and blocks the child.
        let errData = Locked(Data())
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !errData.done { usleep(1000) }
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: errData.value, as: UTF8.self))
    }

    final class Locked: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data
        private var finished = false
        init(_ d: Data) { data = d }
        func set(_ d: Data) { lock.withLock { data = d; finished = true } }
        var value: Data { lock.withLock { data } }
        var done: Bool { lock.withLock { finished } }
    }
}
