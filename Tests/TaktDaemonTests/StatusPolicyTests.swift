import TaktCore
import Testing
@testable import TaktDaemon

@Suite struct StatusPolicyTests {
    let recording = RecordingStatus(state: .recording, ok: true)
    let locked = TimeStatus(provenance: .ppsLocked, locked: true, source: "pps")

    @Test func okOnlyWhenEverythingHolds() {
        let r = StatusPolicy.evaluate(
            recording: recording, time: locked, sensors: [SensorStatus(id: "g", kind: .gnss, health: .ok)],
            gnss: [GNSSStatus(id: "g", connected: true, fixMode: 3)], disk: nil, requirePPSLock: true,
            maxHoldoverSeconds: nil)
        #expect(r.ok && r.reasons.isEmpty)
    }

    @Test func saysWhyNot() {
        let holdover = TimeStatus(provenance: .ppsHoldover, locked: false, source: "pps", holdoverSeconds: 3.2, lastPPSAgeSeconds: 3.2)
        let r = StatusPolicy.evaluate(
            recording: recording, time: holdover,
            sensors: [SensorStatus(id: "os1", kind: .lidar, health: .silent, detail: "no packets for 1.4 s")],
            gnss: [GNSSStatus(id: "g", connected: true, fixMode: 1)], disk: nil, requirePPSLock: true,
            maxHoldoverSeconds: 2)
        #expect(!r.ok)
        #expect(r.reasons.contains("time not PPS-locked: pps-holdover for 3.2 s, last PPS 3.2 s ago"))
        #expect(r.reasons.contains("os1 silent: no packets for 1.4 s"))
        #expect(r.reasons.contains("g has no fix"))
        #expect(r.warnings.contains { $0.hasPrefix("PPS holdover for 3 s exceeds") })
    }

    @Test func rigMayAcceptMessageOnlyTime() {
        let msgOnly = TimeStatus(provenance: .gnssMessageOnly, locked: false, source: "nmea")
        let r = StatusPolicy.evaluate(
            recording: recording, time: msgOnly, sensors: [], gnss: [], disk: nil, requirePPSLock: false, maxHoldoverSeconds: nil)
        #expect(r.ok)
        #expect(r.warnings.count == 1)
    }

    @Test func stoppedIsNotOK() {
        let r = StatusPolicy.evaluate(
            recording: RecordingStatus(state: .stoppedDiskLow, ok: false, reasons: ["disk low"]), time: locked,
            sensors: [], gnss: [], disk: nil, requirePPSLock: true, maxHoldoverSeconds: nil)
        #expect(!r.ok && r.reasons == ["stopped-disk-low: disk low"])
    }
}
