import Foundation
import TaktCore
import Testing

@testable import TaktGPS

/// GPSDClient against real gpsd 3.22 fed by gpsfake, through the real libgps: values, the TOFF trap, and surviving a
/// gpsd kill and restart. No mocks; the peer is gpsd's own NMEA parser.
@Suite(.serialized) struct GPSDClientTests {
    /// Consumes events from a client's stream, remembering what it saw.
    struct Collector {
        var iterator: AsyncStream<GPSDEvent>.Iterator
        var fixes: [GPSDFix] = []
        var skies: [GPSDSky] = []
        var toffs: [GPSDTimeDelta] = []
        var attitudes: [GPSDAttitude] = []
        var disconnects = 0
        var receiveInstants: [MonotonicInstant] = []

        /// Next event, recording reports; `nil` when the stream ended (shutdown or watchdog).
        mutating func next() async -> GPSDEvent? {
            guard let event = await iterator.next() else { return nil }
            if case .report(let report, let at) = event {
                receiveInstants.append(at)
                switch report {
                case .tpv(let f): fixes.append(f)
                case .sky(let s): skies.append(s)
                case .toff(let t): toffs.append(t)
                case .att(let a): attitudes.append(a)
                default: break
                }
            }
            if case .disconnected = event { disconnects += 1 }
            return event
        }
    }

    /// Ends the stream if the peer never delivers, so a broken harness fails instead of hanging.
    static func watchdog(_ client: GPSDClient, seconds: Int = 90) -> Task<Void, Never> {
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            if !Task.isCancelled { client.shutdown() }
        }
    }

    static func writeLog(_ log: NMEALog) throws -> String {
        let path = NSTemporaryDirectory() + "takt-gpsfake-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
        try log.text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsGpsfakeThroughLibgpsAndSurvivesGpsdRestart() async throws {
        let log = NMEALog(epochCount: 80)
        let logPath = try Self.writeLog(log)
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        let port = try GPSFakeProcess.freePort()
        var fake: GPSFakeProcess? = try GPSFakeProcess(logPath: logPath, port: port)
        defer { fake?.kill() }

        let client = GPSDClient(
            endpoint: GPSDEndpoint(host: "127.0.0.1", port: String(port)),
            backoff: ReconnectBackoff(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(400)))
        let watchdog = Self.watchdog(client, seconds: 40)
        defer { watchdog.cancel() }
        client.start()
        var c = Collector(iterator: client.events.makeAsyncIterator())

        // Phase 1: connect (possibly after refused attempts while gpsd starts) and collect reports.
        var connects = 0
        while connects == 0
            || c.fixes.filter({ $0.mode == .threeD && $0.timeUnixUTCNanoseconds != nil && $0.latitude != nil }).count
                < 5
            || c.skies.isEmpty || c.toffs.count < 2
        {
            guard let event = await c.next() else {
                Issue.record(
                    """
                    stream ended before gpsfake delivered enough reports: connects \(connects), TPV \(c.fixes.count), \
                    SKY \(c.skies.count), TOFF \(c.toffs.count), ATT \(c.attitudes)
                    """)
                return
            }
            if case .connected = event { connects += 1 }
            if case .disconnected(let error, _) = event, connects > 0 {
                Issue.record("link reported lost while gpsd was running: \(error)")
            }
        }

        // Right after gpsd starts, a TPV may lack time (a GGA before any date) or position (only a GSA seen yet).
        // Those are matched on what they carry; the complete ones must match their epoch exactly.
        #expect(c.fixes.filter { $0.timeUnixUTCNanoseconds != nil && $0.latitude != nil }.count >= 5)
        for fix in c.fixes {
            guard let lat = fix.latitude, let lon = fix.longitude else { continue }
            guard let time = fix.timeUnixUTCNanoseconds else {
                #expect(log.epochs.contains { abs($0.latitude - lat) < 1e-9 && abs($0.longitude - lon) < 1e-9 })
                continue
            }
            #expect(time % 1_000_000_000 == 0, "TPV time should be the log's whole second, got \(time)")
            let epoch = try #require(log.epoch(atUnixSeconds: time / 1_000_000_000), "TPV time \(time) not in log")
            #expect(abs(lat - epoch.latitude) < 1e-9)
            #expect(abs(lon - epoch.longitude) < 1e-9)
            #expect(fix.gpsTime(fallbackLeapSeconds: 18)?.wholeSeconds == epoch.unixSeconds - 315_964_800 + 18)
        }
        let threeD = try #require(c.fixes.last { $0.mode == .threeD && $0.altitudeMSL != nil })
        #expect(abs((threeD.altitudeMSL ?? 0) - NMEALog.altitudeMSL) < 1e-6)
        #expect(abs((threeD.altitudeHAE ?? 0) - (NMEALog.altitudeMSL + NMEALog.geoidSeparation)) < 1e-6)
        #expect(threeD.status == .gps)

        let sky = try #require(c.skies.last)
        #expect(sky.satellitesVisible == NMEALog.satellitesInView)
        #expect(sky.satellitesUsed == NMEALog.satellitesUsed)
        #expect(sky.hdop == NMEALog.hdop)

        // The 3.22 trap: TOFF values land in data.pps; the client must still deliver them, as TOFF.
        for toff in c.toffs {
            #expect(toff.realNanoseconds == 0)
            #expect(log.epoch(atUnixSeconds: toff.realSeconds) != nil, "TOFF real_sec \(toff.realSeconds) not in log")
            #expect(toff.clockSeconds > 0)
            #expect(toff.precision == nil)
        }
        let disconnectsBeforeKill = c.disconnects
        #expect(connects == 1)

        #expect(zip(c.receiveInstants, c.receiveInstants.dropFirst()).allSatisfy { $0 <= $1 })

        // Phase 2: kill gpsd mid-stream; the client reports the loss of the session (once) and keeps running.
        fake?.kill()
        fake = nil
        var lost: GPSDError?
        while lost == nil {
            guard let event = await c.next() else {
                Issue.record("stream ended instead of reporting the disconnection")
                return
            }
            if case .disconnected(let error, _) = event { lost = error }
        }
        #expect(lost?.operation == .read)
        #expect(c.disconnects == disconnectsBeforeKill + 1)
        #expect(lost?.endpoint == "127.0.0.1:\(port)")

        // Phase 3: gpsd comes back on the same port; the client reconnects and reports again.
        fake = try GPSFakeProcess(logPath: logPath, port: port)
        let fixesBefore = c.fixes.count
        var reconnected = false
        var extraDisconnects = 0
        while !reconnected || c.fixes.count < fixesBefore + 3 {
            guard let event = await c.next() else {
                Issue.record("stream ended before reconnecting to the restarted gpsd")
                return
            }
            switch event {
            case .connected: reconnected = true
            case .disconnected: extraDisconnects += 1
            case .report: break
            }
        }
        #expect(extraDisconnects == 0, "an outage is reported once, not per failed attempt")

        // Shutdown closes libgps and ends the stream.
        client.shutdown()
        while await c.next() != nil {}
        #expect(client.droppedEvents == 0)
    }

    @Test func reportsRefusedConnectionWithEndpointAndEndsOnShutdown() async throws {
        let port = try GPSFakeProcess.freePort()
        let client = GPSDClient(
            endpoint: GPSDEndpoint(host: "127.0.0.1", port: String(port)),
            backoff: ReconnectBackoff(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(50)))
        let watchdog = Self.watchdog(client, seconds: 30)
        defer { watchdog.cancel() }
        client.start()
        var iterator = client.events.makeAsyncIterator()
        let first = await iterator.next()
        guard case .disconnected(let error, _) = first else {
            Issue.record("expected a disconnection event, got \(String(describing: first))")
            return
        }
        #expect(error.operation == .open)
        #expect(error.code == .noConnect)
        #expect(error.description.contains("127.0.0.1:\(port)"))
        client.shutdown()
        while await iterator.next() != nil {}
    }

    /// ATT through libgps from a TrueNorth-style compass log. gpsd 3.22 shares one union between ATT and GST, so the
    /// log has no GST (with GST, gpsd prints stale GST fields and then malformed JSON in ATT lines).
    @Test func readsAttitude() async throws {
        let log = NMEALog(epochCount: 40, withGST: false, withAttitude: true)
        let logPath = try Self.writeLog(log)
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        let port = try GPSFakeProcess.freePort()
        let fake = try GPSFakeProcess(logPath: logPath, port: port)
        defer { fake.kill() }
        let client = GPSDClient(
            endpoint: GPSDEndpoint(host: "127.0.0.1", port: String(port)),
            backoff: ReconnectBackoff(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(400)))
        let watchdog = Self.watchdog(client, seconds: 40)
        defer { watchdog.cancel() }
        client.start()
        var c = Collector(iterator: client.events.makeAsyncIterator())
        while c.attitudes.filter({ $0.pitch != nil }).count < 3 {
            guard await c.next() != nil else {
                Issue.record("stream ended before 3 ATT reports with pitch; got \(c.attitudes)")
                return
            }
        }
        client.shutdown()
        while await c.next() != nil {}
        for att in c.attitudes {
            #expect(att.heading == NMEALog.heading)
            if att.pitch != nil {
                #expect(att.pitch == NMEALog.pitch)
                #expect(att.roll == NMEALog.roll)
            }
        }
    }
}
