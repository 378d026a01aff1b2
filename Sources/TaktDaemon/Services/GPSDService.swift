import Foundation
import Logging
public import ServiceLifecycle
public import TaktCore
import TaktGPS

/// One GNSS receiver reached through gpsd (libgps): fixes, sky and PPS/TOFF to the timeline and the time base, link
/// outages recorded as gaps. The libgps client reconnects by itself; this service turns its events into records.
public struct GPSDService: Service {
    let sensor: SensorConfig
    let endpoint: TaktGPS.GPSDEndpoint
    let context: DaemonContext

    public init(sensor: SensorConfig, host: String, port: Int, device: String?, context: DaemonContext) {
        self.sensor = sensor
        self.endpoint = TaktGPS.GPSDEndpoint(host: host, port: String(port), device: device)
        self.context = context
    }

    public func run() async throws {
        let client = GPSDClient(endpoint: endpoint)
        context.board.update(sensor: SensorStatus(id: sensor.id, kind: sensor.kind, health: .starting, detail: "gpsd \(endpoint)"))
        context.board.update(gnss: GNSSStatus(id: sensor.id, connected: false))
        client.start()
        let sensor = self.sensor
        let context = self.context
        await withTaskCancellationHandler {
            await cancelWhenGracefulShutdown {
                var state = GPSDIngest(sensor: sensor, context: context)
                for await event in client.events {
                    state.handle(event, dropped: client.droppedEvents)
                }
            }
        } onCancel: {
            client.shutdown()
        }
        client.shutdown()
    }
}

/// The per-receiver state of the gpsd path.
struct GPSDIngest {
    let sensor: SensorConfig
    let context: DaemonContext
    var rate = SensorRate()
    var outageStart: GPSTime?
    var gaps = 0
    var fixes = 0
    var lastFix: MonotonicInstant?
    /// Last TPV epoch time, so the several TPVs gpsd sends per cycle become one fix on the timeline.
    var lastFixTime: GPSTime?

    init(sensor: SensorConfig, context: DaemonContext) {
        self.sensor = sensor
        self.context = context
    }

    mutating func handle(_ event: GPSDEvent, dropped: Int) {
        switch event {
        case .connected(let ep, let at):
            if let start = outageStart {
                context.event(
                    "gap-end", source: sensor.id, "gpsd \(ep) back", at: at, gapStart: start,
                    gapEnd: context.timeBase.stamp(at).gps)
                outageStart = nil
            } else {
                context.event("connected", source: sensor.id, "watching gpsd \(ep)", at: at, level: .info)
            }
            context.board.modifyGNSS(sensor.id) { $0.connected = true }
            context.board.modifySensor(sensor.id) {
                $0.health = .ok
                $0.detail = "gpsd \(ep)"
            }
        case .disconnected(let error, let at):
            if outageStart == nil {
                outageStart = context.timeBase.stamp(at).gps
                gaps += 1
                context.event("gap-start", source: sensor.id, "gpsd link lost: \(error)", at: at, level: .warning)
            }
            let g = gaps
            context.board.modifyGNSS(sensor.id) {
                $0.connected = false
                $0.gaps = g
            }
            context.board.modifySensor(sensor.id) {
                $0.health = .disconnected
                $0.detail = "\(error)"
            }
        case .report(let report, let at):
            rate.add(bytes: 1, at: at)
            handle(report, at: at)
            let r = rate
            context.board.modifySensor(sensor.id) {
                $0.messagesPerSecond = r.messagesPerSecond
                $0.lastDataAgeSeconds = 0
                $0.counters["droppedEvents"] = Int64(dropped)
            }
        }
    }

    private mutating func handle(_ report: GPSDReport, at: MonotonicInstant) {
        let tb = context.timeBase
        switch report {
        case .tpv(let fix):
            if let leap = fix.leapSeconds {
                tb.handle(.leapSeconds(LeapSecondReport(gpsMinusUTCSeconds: leap, receivedAt: at)))
            }
            guard let gps = fix.gpsTime(fallbackLeapSeconds: tb.leapSeconds) else { return }
            tb.handle(.messageTime(GNSSMessageTime(gps: gps, receivedAt: at, source: .gpsdTPV)))
            lastFix = at
            let f = fix
            context.board.modifyGNSS(sensor.id) {
                $0.fixMode = f.mode.rawValue
                // gpsd 3.22 omits `status` for a plain GPS fix; only report what it says beyond that.
                $0.fixStatus = f.status.flatMap { $0 == .noFix && f.mode.rawValue >= 2 ? nil : "\($0)" }
                $0.latitude = f.latitude
                $0.longitude = f.longitude
                $0.speedMetersPerSecond = f.speed
                $0.horizontalAccuracyMeters = f.eph
                $0.verticalAccuracyMeters = f.epv
                $0.lastFixAgeSeconds = 0
            }
            // gpsd may report several TPVs per cycle as sentences arrive; record the cycle's last, complete one.
            guard let lat = fix.latitude, let lon = fix.longitude, fix.mode.rawValue >= 2 else { return }
            if lastFixTime == gps { return }
            lastFixTime = gps
            fixes += 1
            let hostStamp = tb.stamp(at)
            // TPV time is ms-rounded in gpsd 3.22: σ of a uniform 1 ms quantisation.
            let stamp = StampedTime(gps: gps, provenance: hostStamp.provenance, sigmaNanoseconds: 288_675)
            let t = TimelineTime(stamp, leapSeconds: tb.leapSeconds)
            context.publish(
                "/gnss/\(sensor.id)/fix", schema: .fix, time: t,
                FixMessage(
                    time: t, frameId: sensor.id, latitude: lat, longitude: lon,
                    altitude: fix.altitudeHAE ?? fix.altitudeMSL ?? 0, horizontalSigma: fix.eph.map { $0 / 2 },
                    verticalSigma: fix.epv.map { $0 / 2 }, fixMode: fix.mode.rawValue,
                    fixStatus: fix.status.map { "\($0)" }, speedMps: fix.speed, trackDeg: fix.track,
                    satellitesUsed: nil, hostReceive: at, source: "gpsd TPV"))
            publishNavigation(fix, latitude: lat, longitude: lon, at: gps)
        case .sky(let sky):
            context.board.modifyGNSS(sensor.id) {
                $0.satellitesUsed = sky.satellitesUsed
                $0.satellitesVisible = sky.satellitesVisible
            }
            let t = tb.timelineTime(at)
            context.publish(
                "/gnss/\(sensor.id)/sky", schema: .sky, time: t,
                SkyMessage(
                    time: t, frameId: sensor.id, satellitesVisible: sky.satellitesVisible,
                    satellitesUsed: sky.satellitesUsed, hdop: sky.hdop, pdop: sky.pdop))
        case .toff(let d):
            // TOFF: the receiver time of the cycle and the host REALTIME at its first sentence.
            let host = Self.monotonic(fromRealtime: d.clockRealtimeNanoseconds)
            tb.handle(.messageTime(GNSSMessageTime(gps: d.realGPSTime(leapSeconds: tb.leapSeconds), receivedAt: host, source: .gpsdTOFF)))
        case .pps(let d):
            // A real (kernel or TIOCMIWAIT) PPS edge seen by gpsd, labelled with the second it marks.
            let host = Self.monotonic(fromRealtime: d.clockRealtimeNanoseconds)
            let actions = tb.handle(.ppsEdge(PPSEdge(host: host, source: .kernelPPS)))
            tb.handle(.ppsLabel(PPSLabel(gps: d.realGPSTime(leapSeconds: tb.leapSeconds), receivedAt: at, source: .gpsdPPS)))
            let t = tb.timelineTime(host)
            let rejected = actions.rejection(ofEdgeAt: host)
            context.publish(
                "/time/pps", schema: .ppsEdge, time: t,
                PPSEdgeMessage(
                    time: t, frameId: sensor.id, host: host, labelGPSSecond: d.realGPSTime(leapSeconds: tb.leapSeconds).wholeSeconds,
                    labelSource: "gpsd PPS", residualNs: nil, accepted: rejected == nil, rejectReason: rejected))
        case .att, .device, .error:
            break
        }
    }

    /// Converts a host REALTIME stamp (gpsd's `clock`) to the monotonic timeline with a paired clock reading.
    /// Hands the fix to in-process consumers (the camera path); velocity from speed and track over ground.
    private func publishNavigation(_ fix: GPSDFix, latitude: Double, longitude: Double, at gps: GPSTime) {
        guard LatLon(latitude: latitude, longitude: longitude).isValid else { return }
        let position = GeodeticPoint(latitude: latitude, longitude: longitude, height: fix.altitudeHAE ?? fix.altitudeMSL ?? 0)
        var velocity: ENU?
        if let v = fix.speed, v.isFinite {
            if let track = fix.track, track.isFinite {
                let r = track * .pi / 180
                velocity = ENU(east: v * sin(r), north: v * cos(r))
            } else if v == 0 {
                velocity = ENU(east: 0, north: 0)
            }
        }
        let h = fix.eph.map { $0 / 2 }
        context.navigation.publish(
            .fix(
                TriggerFix(time: gps, position: position, velocity: velocity, horizontalSigmaMeters: h),
                pose: PoseSample(
                    time: gps, position: position, velocity: velocity, horizontalSigmaMeters: h,
                    verticalSigmaMeters: fix.epv.map { $0 / 2 }),
                receiver: sensor.id))
    }

    static func monotonic(fromRealtime realtime: Int64) -> MonotonicInstant {
        let pair = HostClock.pairedReading()
        return MonotonicInstant(nanoseconds: pair.monotonic.nanoseconds - (pair.realtimeNanoseconds - realtime))
    }
}
