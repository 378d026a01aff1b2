import Foundation
import TaktCore
import Testing
@testable import TaktSimulation

@Suite struct SimulatedDriveTests {
    let drive = SimulatedDrive()

    @Test func driveStopsAndMovesWithinCitySpeeds() {
        var stopped = 0.0
        var moving = 0.0
        var lastDistance = -1.0
        var maxSpeed = 0.0
        for i in 0..<3000 {
            let s = drive.state(at: Double(i) * 0.1)
            #expect(s.distanceMeters >= lastDistance)
            lastDistance = s.distanceMeters
            maxSpeed = max(maxSpeed, s.speedMetersPerSecond)
            if s.speedMetersPerSecond < 0.01 { stopped += 0.1 } else { moving += 0.1 }
        }
        #expect(stopped > 10, "the drive includes stops")
        #expect(moving > 150)
        #expect(maxSpeed <= 80 / 3.6 + 1e-9)
        #expect(maxSpeed > 70 / 3.6)
    }

    @Test func positionIsContinuous() {
        var prev = drive.state(at: 0)
        for i in 1..<2000 {
            let s = drive.state(at: Double(i) * 0.05)
            let dn = (s.latitude - prev.latitude) * 111_132.954
            let de = (s.longitude - prev.longitude) * 111_319.49 * cos(s.latitude * .pi / 180)
            #expect(hypot(dn, de) <= 80 / 3.6 * 0.05 + 0.05)
            prev = s
        }
    }
}

@Suite struct SimulatedReceiverTests {
    let drive = SimulatedDrive()
    let t0 = GPSTime(unixUTCNanoseconds: 1_780_301_700_000_000_000, leapSeconds: 18)

    @Test func nmeaChecksumsAndFields() {
        let s = drive.state(at: 12.3)
        let lines = NMEAEncoder.epoch(s, at: t0, leapSeconds: 18, satellites: 12, hdop: 0.8)
        #expect(lines.count == 4)
        for l in lines {
            #expect(l.hasPrefix("$") && l.hasSuffix("\r\n"))
            let body = l.dropFirst().prefix { $0 != "*" }
            var x: UInt8 = 0
            for b in body.utf8 { x ^= b }
            let given = l.split(separator: "*")[1].prefix(2)
            #expect(UInt8(given, radix: 16) == x)
        }
        // 2026-06-01T08:15:00Z
        #expect(lines[0].hasPrefix("$GPGGA,081500.00,"))
        #expect(lines[1].contains(",010626,"))
        #expect(lines[3].hasPrefix("$GPZDA,081500.00,01,06,2026,"))
    }

    /// pyubx2 is an independent UBX implementation: it must parse our NAV-PVT to the same values.
    @Test func navPVTMatchesPyubx2() throws {
        let s = drive.state(at: 20)
        let frame = UBXEncoder.navPVT(s, at: t0, leapSeconds: 18, satellites: 14)
        let script = """
            import sys; from pyubx2 import UBXReader
            m = UBXReader.parse(sys.stdin.buffer.read())
            print(m.identity, m.year, m.month, m.day, m.hour, m.min, m.second, m.numSV, m.lat, m.lon, m.height, m.gSpeed, m.fixType)
            """
        let r = try TestEnvironment.run("python3", ["-c", script], stdin: Data(frame))
        #expect(r.status == 0, "\(r.stderr)")
        let f = r.stdout.split(separator: " ").map(String.init)
        #expect(f.first == "NAV-PVT")
        #expect(Array(f[1...7]) == ["2026", "6", "1", "8", "15", "0", "14"])
        #expect(abs((Double(f[8]) ?? 0) - s.latitude) < 1e-7)
        #expect(abs((Double(f[9]) ?? 0) - s.longitude) < 1e-7)
        #expect(Int(f[10]) == Int((s.heightMeters * 1000).rounded()))
        #expect(f[12].trimmingCharacters(in: .whitespacesAndNewlines) == "3")
    }

    /// RTKLIB's convbin must turn the simulated raw stream into RINEX observations, one epoch per RAWX.
    @Test func rawxConvertsToRinexWithConvbin() throws {
        let dir = try TestEnvironment.temporaryDirectory("rawx")
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes: [UInt8] = []
        for i in 0..<10 {
            let t = t0 + .seconds(i)
            bytes += UBXEncoder.navPVT(drive.state(at: Double(i)), at: t, leapSeconds: 18, satellites: 9)
            bytes += UBXEncoder.rxmRAWX(at: t, leapSeconds: 18, satellites: 9, seed: UInt64(i))
        }
        let ubx = dir.appendingPathComponent("sim.ubx")
        try Data(bytes).write(to: ubx)
        let r = try TestEnvironment.run("convbin", ["-r", "ubx", "-o", dir.appendingPathComponent("sim.obs").path, ubx.path])
        #expect(r.status == 0, "\(r.stderr)")
        let obs = try String(contentsOf: dir.appendingPathComponent("sim.obs"), encoding: .utf8)
        let epochs = obs.split(separator: "\n").filter { $0.hasPrefix("> ") }
        #expect(epochs.count == 10)
        #expect(obs.contains("G02"))
    }
}
