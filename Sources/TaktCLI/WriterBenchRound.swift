import Foundation
import Glibc
import TaktCore
import TaktDaemon
import TaktStore

/// The two halves of one writer-benchmark round.
enum WriterBenchRound {
    struct TaktRun {
        /// Bytes in the payload files when the last per-second sync returned (what the timed part wrote).
        var bytes: Int64
        /// Sustained part: from the first append to the last per-second sync.
        var elapsed: Double
        /// CPU seconds (user + system, all threads, hashing included) of the sustained part.
        var cpuSeconds: Double
        /// Session and segment creation plus the BagIt close and session manifest (once per segment in use).
        var openCloseSeconds: Double
        var dataFiles: [String]
    }

    enum Failure: Error, CustomStringConvertible {
        case dd(String)
        var description: String {
            switch self {
            case .dd(let s): "dd failed: \(s)"
            }
        }
    }

    /// Flushes every dirty page system-wide and pauses, so each timed phase starts with the disk's write cache
    /// drained rather than behind the previous phase's writeback. The corresponding C function is `sync`.
    static func settle(seconds: Double = 2) {
        sync()
        usleep(UInt32(seconds * 1e6))
    }

    /// Records `seconds` of the workload into a fresh session through the real writer: appends, one MCAP chunk and
    /// one `syncAll()` per second of data (the sustained part, timed), then the BagIt close and the session
    /// manifest (timed separately with the session's creation: a fixed cost per segment, not a rate).
    static func takt(workload: WriterWorkload, seconds: Int, directory: String) throws -> TaktRun {
        let leap = 18
        let start = GPSTime(week: 2400, timeOfWeekNanoseconds: 0)
        let began = HostClock.monotonic()
        let session = try SessionWriter.create(
            outputDirectory: directory,
            configuration: .init(
                vehicleId: "BENCH", start: start, leapSeconds: leap, rigFileBytes: Array("{ rigFormat: 1 }\n".utf8),
                segmentSeconds: 3600))
        let seg = try session.openNext(start: start)
        var mcap = MCAPWriter(options: .takt)
        mcap.start(profile: "", library: "takt bench writer")
        let schema = mcap.registerSchema(name: "takt.bench", encoding: "jsonschema", data: Array("{}".utf8))
        let channels = WriterWorkload.timelineTopics.map {
            mcap.registerChannel(topic: $0, messageEncoding: "json", schemaID: schema, metadata: [:])
        }
        var sequences = [UInt32](repeating: 0, count: channels.count)
        var last = start
        let cpuBefore = cpuSeconds(RUSAGE_SELF)
        let steady = HostClock.monotonic()
        for s in 0..<seconds {
            let base = start + .seconds(s)
            var messages = 0
            for record in workload.records {
                let t = base + .nanoseconds(record.offset)
                last = t
                switch record {
                case .pcap(let file, var datagram, _):
                    datagram.receiveUnixNanoseconds = t.unixUTCNanoseconds(leapSeconds: leap)
                    try seg.appendPcap(datagram, to: file, time: t)
                case .ubx(let file, let frame, _):
                    try seg.append(frame, to: file, time: t)
                case .timeline(let c, let json, _):
                    let logTime = UInt64(t.unixUTCNanoseconds(leapSeconds: leap))
                    mcap.addMessage(
                        channelID: channels[c], sequence: sequences[c], logTime: logTime, publishTime: logTime,
                        data: json)
                    sequences[c] &+= 1
                    messages += 1
                }
            }
            mcap.closeChunk()
            try seg.append(mcap.takeOutput(), to: "timeline.mcap", records: messages, time: last)
            try seg.syncAll()
        }
        // The last second's fdatasync runs in the background: the sustained part ends when it is durable, as dd's
        // own time includes its last fdatasync.
        try seg.waitForSync()
        let steadyEnd = HostClock.monotonic()
        let cpu = cpuSeconds(RUSAGE_SELF) - cpuBefore
        let sustainedBytes = seg.payloadBytes
        mcap.finish()
        try seg.append(mcap.takeOutput(), to: "timeline.mcap", records: 0, time: last)
        let description = try seg.close(reason: .stopped, info: .init(end: last))
        try session.finish()
        let total = Double((HostClock.monotonic() - began).nanoseconds) / 1e9
        let sustained = Double((steadyEnd - steady).nanoseconds) / 1e9
        let files = description.files.map { seg.path + "/" + $0.path }
        return TaktRun(
            bytes: sustainedBytes, elapsed: sustained, cpuSeconds: cpu, openCloseSeconds: total - sustained,
            dataFiles: files)
    }

    /// Concatenates `dataFiles` into the file dd will read (in /dev/shm when it fits, so reading it costs dd next
    /// to nothing), outside any timed phase. Returns its path; the caller removes it.
    static func ddSource(dataFiles: [String], scratch: String) throws -> String {
        var source = Data()
        for f in dataFiles { source.append(try Data(contentsOf: URL(fileURLWithPath: f))) }
        let shm = "/dev/shm"
        let shmFree = (try? DiskSpace.available(path: shm).availableBytes) ?? 0
        let path = (shmFree > Int64(source.count) * 2 ? shm : scratch) + "/takt-bench-dd-source-\(getpid())"
        guard FileManager.default.createFile(atPath: path, contents: source) else {
            throw Failure.dd("cannot write the source file \(path)")
        }
        return path
    }

    /// Sizes of Takt's payload files in the order `ddSource` concatenates them.
    static func streamSizes(dataFiles: [String]) -> [Int64] {
        dataFiles.map { ((try? FileManager.default.attributesOfItem(atPath: $0)[.size]) as? NSNumber)?.int64Value ?? 0 }
    }

    /// dd's half of a round: writes exactly `bytes` bytes of `source` into new files in `directory` as Takt writes
    /// them. With `streams` (the sizes of Takt's payload files, concatenated in `source` in that order) dd keeps the
    /// same fsync policy as Takt: one output file per stream and, for each of the `seconds` seconds of data, one
    /// `dd bs=1M conv=fdatasync,notrunc` per stream over that stream's share — as many fdatasyncs per second as Takt
    /// does. Without `streams`, one file and one fdatasync per second (a cheaper policy than Takt's). Returns the sum
    /// of dd's own reported copy times (which include its fdatasync, not process start-up) and dd's CPU seconds.
    static func dd(source: String, bytes: Int64, seconds: Int, directory: String, streams: [Int64]? = nil) throws -> (
        elapsed: Double, cpuSeconds: Double
    ) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let size = (try FileManager.default.attributesOfItem(atPath: source)[.size] as? NSNumber)?.int64Value ?? 0
        guard size >= bytes else { throw Failure.dd("source \(source) holds \(size) bytes, \(bytes) needed") }
        // (start in source, bytes to write) per output file; the per-stream shares add up to `bytes`.
        var parts: [(start: Int64, length: Int64)] = [(0, bytes)]
        if let streams, streams.count > 1, streams.reduce(0, +) > 0 {
            let total = streams.reduce(0, +)
            var start: Int64 = 0
            var assigned: Int64 = 0
            parts = streams.enumerated().map { i, len in
                defer { start += len }
                let share = i == streams.count - 1 ? bytes - assigned : min(len, bytes * len / total)
                assigned += share
                return (start, share)
            }
        }
        var total = 0.0
        let cpuBefore = cpuSeconds(RUSAGE_CHILDREN)
        for s in 0..<Int64(seconds) {
            for (i, part) in parts.enumerated() where part.length > 0 {
                let share = part.length / Int64(seconds)
                let offset = s * share
                let length = s == Int64(seconds) - 1 ? part.length - offset : share
                guard length > 0 else { continue }
                total += try runDD([
                    "dd", "if=" + source, "of=" + directory + "/dd-\(i).out", "bs=1M", "iflag=skip_bytes,count_bytes",
                    "oflag=seek_bytes", "skip=\(part.start + offset)", "seek=\(offset)", "count=\(length)",
                    "conv=fdatasync,notrunc",
                ])
            }
        }
        return (total, cpuSeconds(RUSAGE_CHILDREN) - cpuBefore)
    }

    /// User + system CPU seconds of this process (all threads) or of its waited-for children. The corresponding
    /// C function is `getrusage`.
    static func cpuSeconds(_ who: __rusage_who) -> Double {
        var u = rusage()
        _ = getrusage(__rusage_who_t(who.rawValue), &u)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(u.ru_utime) + s(u.ru_stime)
    }

    /// Runs dd and returns the copy time it reports ("…, 0.0153 s, 1.1 GB/s").
    private static func runDD(_ arguments: [String]) throws -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["LC_ALL=C"] + arguments
        let err = Pipe()
        p.standardError = err
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failure.dd(text) }
        let parts = text.split(separator: "\n").last?.split(separator: ",") ?? []
        guard parts.count >= 3,
            let seconds = Double(parts[parts.count - 2].dropLast(2).trimmingCharacters(in: .whitespaces))
        else { throw Failure.dd("cannot read dd's statistics: \(text)") }
        return seconds
    }
}
