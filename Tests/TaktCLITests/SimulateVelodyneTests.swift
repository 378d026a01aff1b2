import Foundation
import Testing

/// `takt simulate --rig hw/rigs/sim-velodyne.json5`: the simulator sends a generated VLS-128 stream (every 997th
/// data packet dropped) over loopback UDP into the daemon's real `LiDARService`. Every frame record on
/// `/lidar/vls0/frames` is checked against the recorded pcap read independently (struct parse in Python): the
/// packets between two frames' first packets are the frame's received count, and the µs-clock gaps in that span
/// are exactly its missing packets.
@Suite struct SimulateVelodyneTests {
    @Test func generatedVelodyneFramesMatchTheRecordedPackets() throws {
        let root = USBProbeEmulationTests.repoRoot
        let takt = try USBProbeEmulationTests.taktExecutable()
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("takt-simvls-\(UUID().uuidString)")
        let sessions = tmp.appendingPathComponent("sessions")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }

        // 6 s: the fixed drop pattern hits no revolution's first packet in the first 68 000 packets (11 s), so
        // the span checks below never straddle an ambiguous boundary.
        let run = try SimulateEmulatedCameraTests.run(
            takt,
            [
                "simulate", "--rig", root.appendingPathComponent("hw/rigs/sim-velodyne.json5").path, "--duration", "6",
                "--output", sessions.path, "--socket", tmp.appendingPathComponent("t.sock").path,
            ])
        try #require(run.status == 0, "simulate failed: \(run.stderr.suffix(2000))")

        let check = try SimulateEmulatedCameraTests.run("python3", ["-c", Self.checker, sessions.path])
        try #require(check.status == 0, "\(check.stderr)")
        let r = try JSONDecoder().decode([String: Int].self, from: Data(check.stdout.utf8))
        let checked = try #require(r["checked"])
        #expect(checked >= 40, "\(r)")
        #expect(r["receivedMismatch"] == 0, "every frame's received count is the pcap's: \(r)")
        #expect(r["missingMismatch"] == 0, "every frame's missing count is the pcap's µs gaps: \(r)")
        #expect((r["incomplete"] ?? 0) > 0 && (r["complete"] ?? 0) > 0, "\(r)")
        #expect(r["incomplete"] == r["gaps"], "one drop per incomplete frame (997 > 626 packets/frame): \(r)")
        #expect(r["badSize"] == 0, "every frame expects 625 or 626 packets (6253.9/s at 10 Hz): \(r)")
        // The status counters (the same the `takt status` board shows) count the frames.
        #expect((r["statsComplete"] ?? 0) > 0 && (r["statsIncomplete"] ?? 0) > 0, "\(r)")
        #expect(r["statsMalformed"] == 0 && r["statsQueueOverflows"] == 0, "\(r)")
    }

    /// Reads all segments' frame records and stats, and the data packets of all segments' pcaps in order.
    static let checker = """
        import sys, glob, json, struct
        from mcap.reader import make_reader
        session = sorted(glob.glob(sys.argv[1] + '/*/segments'))[-1]
        frames, stats = [], None
        for f in sorted(glob.glob(session + '/*/data/timeline.mcap')):
            with open(f, 'rb') as fh:
                for _, ch, m in make_reader(fh, validate_crcs=True).iter_messages():
                    if ch.topic == '/lidar/vls0/frames': frames.append(json.loads(m.data))
                    if ch.topic == '/sensors/vls0/stats': stats = json.loads(m.data)
        stamps = []
        for f in sorted(glob.glob(session + '/*/data/lidar/lidar-vls0.pcap')):
            data = open(f, 'rb').read()
            off = 24
            while off + 16 <= len(data):
                incl = struct.unpack_from('<I', data, off + 8)[0]
                frame = data[off + 16: off + 16 + incl]
                off += 16 + incl
                udp = frame[34:]
                port, length = struct.unpack_from('>HH', udp, 2)
                if port == 12368 and length - 8 == 1206:
                    stamps.append(struct.unpack_from('<I', udp, 8 + 1200)[0])
        # Packet numbers from the µs clock (159.9 µs apart, wrapping at the hour).
        index, numbers = 0, []
        for i, t in enumerate(stamps):
            if i:
                index += round(((t - stamps[i - 1]) % 3600000000) / 159.9)
            numbers.append(index)
        where = {t: n for t, n in zip(stamps, numbers)}
        frames.sort(key=lambda d: d['lidar_frame_id'])
        out = dict(checked=0, receivedMismatch=0, missingMismatch=0, incomplete=0, complete=0, gaps=0, badSize=0)
        for a, b in zip(frames, frames[1:]):
            if b['lidar_frame_id'] != a['lidar_frame_id'] + 1: continue
            if a['sensor_timestamp'] not in where or b['sensor_timestamp'] not in where: continue
            lo, hi = where[a['sensor_timestamp']], where[b['sensor_timestamp']]
            received = sum(1 for n in numbers if lo <= n < hi)
            missing = (hi - lo) - received
            out['checked'] += 1
            out['receivedMismatch'] += received != a['received_columns']
            out['missingMismatch'] += missing != a['expected_columns'] - a['received_columns']
            out['incomplete' if not a['complete'] else 'complete'] += 1
            out['gaps'] += missing
            out['badSize'] += a['expected_columns'] not in (625, 626)
        c = stats['counters'] if stats else {}
        out.update(statsComplete=c.get('completeFrames', 0), statsIncomplete=c.get('incompleteFrames', 0),
                   statsMalformed=c.get('malformed', -1), statsQueueOverflows=c.get('queueOverflows', -1))
        print(json.dumps(out))
        """
}
