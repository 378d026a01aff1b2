import ArgumentParser
import Foundation
import TaktCore
import Testing
@testable import TaktCLI

@Suite struct StatusRendererTests {
    @Test func notOKSaysWhyAtAGlance() {
        let s = StatusSnapshot(
            daemon: DaemonInfo(version: "0.1.0", pid: 42, vehicleId: "GE-MMS1", rigPath: "/etc/takt/rig.json5", uptimeSeconds: 120, simulated: false),
            recording: RecordingStatus(
                state: .recording, ok: false, reasons: ["time not PPS-locked: pps-holdover for 3.2 s"],
                sessionPath: "/data/takt/2026-06-01T08-15-00Z_GE-MMS1", segmentIndex: 7, segmentsClosed: 7,
                bytesWritten: 3_221_225_472, marks: 2),
            time: TimeStatus(
                provenance: .ppsHoldover, locked: false, source: "kernel-pps PPS labelled by ubx-tim-tp",
                offsetNanoseconds: 1_200_000, jitterNanoseconds: 850, driftPPM: 12.5, sigmaNanoseconds: 4_100,
                holdoverSeconds: 3.2, leapSeconds: 18, leapSecondsSource: "receiver"),
            gnss: [GNSSStatus(id: "f9r", connected: true, fixMode: 3, fixStatus: "rtkFixed", satellitesUsed: 21,
                              satellitesVisible: 30, horizontalAccuracyMeters: 0.014, verticalAccuracyMeters: 0.021,
                              speedMetersPerSecond: 13.9, lastFixAgeSeconds: 0.1)],
            sensors: [SensorStatus(id: "os1", kind: .lidar, health: .ok, messagesPerSecond: 1280, bytesPerSecond: 32_600_000,
                                   counters: ["gaps": 0, "duplicates": 3])],
            trigger: TriggerStatus(fired: 812, imagesReceived: 811, imagesMissing: 1, spacingAskedMeters: 5, spacingMeanMeters: 5.01, spacingP95Meters: 5.04),
            disk: DiskStatus(path: "/data/takt", availableBytes: 500 << 30, totalBytes: 2 << 40, reserveBytes: 10 << 30,
                             writeBytesPerSecond: 36_000_000, etaSeconds: 14_600, level: .ok),
            warnings: ["PPS holdover for 3 s exceeds the rig's 2 s"])
        let expected = """
            NOT OK  recording  segment 7  GE-MMS1
              why: time not PPS-locked: pps-holdover for 3.2 s
              session: /data/takt/2026-06-01T08-15-00Z_GE-MMS1
              written: 3.0 GiB in 7 closed segment(s), marks: 2
            TIME   pps-holdover  source: kernel-pps PPS labelled by ubx-tim-tp  system clock +1.200 ms  jitter 0.85 µs  drift 12.500 ppm  σ 4.10 µs  holdover 3.2 s  leap 18 s (receiver)
            GNSS   f9r: 3D fix (rtkFixed)  sats 21/30  h±0.014 m v±0.021 m  50.0 km/h  last fix 0.1 s ago
            SENSOR os1 [lidar] ok  1280.0/s  31.1 MiB/s  duplicates=3
            TRIG   fired 812  images 811  missing 1  spacing asked 5.00 m mean 5.01 m p95 5.04 m
            DISK   500.0 GiB free of 2.0 TiB, reserve 10.0 GiB  writing 34.3 MiB/s  full in 4 h 3 min
            WARN   PPS holdover for 3 s exceeds the rig's 2 s
            """
        #expect(StatusRenderer.render(s) == expected)
    }
}

@Suite struct CommandTreeTests {
    @Test func helpListsEveryOperatorCommand() {
        let help = Takt.helpMessage()
        for cmd in ["run", "simulate", "status", "start", "stop", "pause", "resume", "mark", "rig", "decode"] {
            #expect(help.contains("\n  \(cmd) "), "missing \(cmd) in help")
        }
        #expect(!help.contains("bench"), "bench is for scripts, hidden from operators")
    }

    @Test func statusRejectsJSONWithWatch() {
        #expect(throws: (any Error).self) { _ = try Takt.parseAsRoot(["status", "--json", "--watch"]) }
    }

    @Test func markNeedsText() {
        #expect(throws: (any Error).self) { _ = try Takt.parseAsRoot(["mark", "  "]) }
    }
}
