import Foundation
import TaktCore
import TaktDaemon
import TaktStore
import Testing

/// The hard disk-full case, in process and deterministic: no disk guard, no reserve, and another process filling
/// the filesystem while the writer records, so the next flush returns ENOSPC. The recorder must stop by itself, close the segment and the session cleanly (using
/// its emergency space), and leave only bags that verify, with segment.json accounting for every record on disk.
@Suite("Recorder on a full disk (ENOSPC)")
struct RecorderOutOfSpaceTests {
    @Test("ENOSPC with no reserve: stops as stopped-disk-low, closes segment and session, everything verifies")
    func enospcClosesCleanly() async throws {
        let outcome = await BlockingJobs.run(count: 1, width: 1) { _ in Self.runScenario() }
        let o = try #require(outcome.first)
        #expect(o.problems.isEmpty, "\(o.problems.joined(separator: "\n"))")
        print("recorder ENOSPC: \(o.summary)")
    }

    struct Outcome: Sendable {
        var problems: [String] = []
        var summary = ""
    }

    static func runScenario() -> Outcome {
        var o = Outcome()
        do {
            try scenario(&o)
        } catch {
            o.problems.append("\(error)")
        }
        return o
    }

    private static func scenario(_ o: inout Outcome) throws {
        let scratch = try Resilience.scratch("enospc")
        let fs = try SmallFilesystem(at: scratch + "/mnt", megabytes: 16)
        defer {
            fs.unmount()
            try? FileManager.default.removeItem(atPath: scratch)
        }
        let origin = GPSTime(week: 2400, timeOfWeekNanoseconds: 100_000 * GPSTime.nanosecondsPerSecond)
        let notices = NoticeLog()
        let (recorder, now) = Resilience.recorder(
            on: fs, vehicleId: "ENOSPC1", origin: origin, syncInterval: .milliseconds(200), notices: notices)
        recorder.send(.start)
        // 8 kB UBX frames (MON-VER class/id, whole and checksummed, the largest a scanner accepts) at ~1 MB/s
        // until the recorder gives up.
        let frame = UBXFrame.encode(
            messageClass: 0x0A, id: 0x04, payload: (0..<8_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let sensor = PcapUDPEndpoint(address: PcapIPv4Address(192, 168, 1, 201), port: 7502)
        let host = PcapUDPEndpoint(address: PcapIPv4Address(192, 168, 1, 10), port: 7502)
        let lidar = (0..<6_464).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var submitted = 0
        let began = Resilience.monotonicSeconds()
        var filled = false
        let deadline = began + 30
        while Resilience.monotonicSeconds() < deadline {
            let state = recorder.status.state
            if state == .stoppedDiskLow || state == .failed { break }
            // After a second of recording another process takes every free byte: no flush of ours can free any.
            if !filled && Resilience.monotonicSeconds() - began > 1 {
                try fs.fillCompletely(".filler")
                filled = true
            }
            if state == .recording {
                for _ in 0..<6 {
                    let (_, t) = now()
                    recorder.submit(.raw(file: "gnss/big.ubx", bytes: frame, records: 1, time: t.stamp.gps))
                    submitted += 1
                    // A LiDAR-like packet stream too, so capinfos judges the pcap the full disk cut.
                    let unix = t.stamp.gps.unixUTCNanoseconds(leapSeconds: 18)
                    let d = PcapUDPDatagram(source: sensor, destination: host, payload: lidar, receiveUnixNanoseconds: unix)
                    recorder.submit(.packet(file: "lidar/lidar-os0.pcap", datagram: d, time: t.stamp.gps))
                }
            }
            Resilience.sleep(seconds: 0.05)
        }
        let status = recorder.status
        recorder.shutdown()
        o.summary =
            "submitted \(submitted) frames (\(submitted * frame.count) bytes) into 16 MiB; state \(status.state.rawValue); "
            + "reasons \(status.reasons); notices \(notices.all)"
        guard status.state == .stoppedDiskLow else {
            o.problems.append("recorder did not stop as stopped-disk-low: \(o.summary)")
            return
        }
        if !(status.reasons.first ?? "").contains("ENOSPC") {
            o.problems.append("reason does not name ENOSPC: \(status.reasons)")
        }
        if Resilience.exists(fs.path + "/.takt-emergency-space") {
            o.problems.append("emergency space file left behind")
        }
        let sessions = Resilience.sessionDirectories(fs.path)
        guard sessions.count == 1, let session = sessions.first else {
            o.problems.append("expected one session, found \(sessions)")
            return
        }
        if Resilience.exists(session + "/session.lock") { o.problems.append("session was not closed (session.lock)") }
        let report = BundleVerifier.verify(path: session)
        if !report.isSound { o.problems.append("session does not verify: \(report.problems)") }
        guard let last = Resilience.segmentDirectories(session).last else {
            o.problems.append("no segment")
            return
        }
        let info = (try? String(contentsOfFile: last + "/bag-info.txt", encoding: .utf8)) ?? ""
        if !info.contains("Takt-Close-Reason: disk_low") { o.problems.append("last segment close reason: \(info)") }
        // segment.json must count exactly the frames that reached the disk.
        let ubx = last + "/data/gnss/big.ubx"
        let onDisk = try UBXScan(path: ubx)
        let size = (try? FileManager.default.attributesOfItem(atPath: ubx)[.size] as? Int) ?? 0
        let description = FileManager.default.contents(atPath: last + "/segment.json") ?? Data()
        let json = try JSONSerialization.jsonObject(with: description) as? [String: Any]
        let files = json?["files"] as? [[String: Any]] ?? []
        let entry = files.first { ($0["path"] as? String) == "data/gnss/big.ubx" }
        let records = entry?["records"] as? Int
        let frames = size / frame.count
        if records != frames || size % frame.count != 0 || onDisk.garbageBytes != 0 {
            o.problems.append("segment.json counts \(records ?? -1) records; the file holds \(frames) whole frames")
        }
        // What could not be written when the disk filled is dropped and listed, so the close fits.
        let losses = json?["losses"] as? [[String: Any]] ?? []
        let lostUBX = losses.filter { ($0["path"] as? String) == "data/gnss/big.ubx" }
        if lostUBX.isEmpty || lostUBX.contains(where: { ($0["bytes"] as? Int ?? 0) % frame.count != 0 }) {
            o.problems.append("expected the unwritten frames of big.ubx listed as whole-frame losses: \(losses)")
        }
        o.summary += "; last segment: \(frames) frames on disk, losses \(losses)"
        o.problems += try SegmentPeers.check(segment: last, scratch: scratch)
    }
}

/// Notices from the writer thread.
///
/// `@unchecked Sendable` is safe: `lines` is only touched under `lock`.
final class NoticeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ s: String) { lock.withLock { lines.append(s) } }
    var all: [String] { lock.withLock { lines } }
}
