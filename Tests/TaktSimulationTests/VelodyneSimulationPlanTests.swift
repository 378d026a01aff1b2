import TaktCore
import TaktSimulation
import Testing

/// The generated Velodyne the simulated rig offers: rig options → stream model, the drop pattern, and position
/// packets whose clock and `$GPRMC` agree with the simulated GPS time.
@Suite struct VelodyneSimulationPlanTests {
    @Test func rigOptionsSelectTheStream() throws {
        let plan = try #require(
            try VelodyneSimulationPlan(options: [
                "simulatedProduct": "VLS-128", "rpm": "600", "returnMode": "strongest", "dropEveryNthPacket": "997",
            ]))
        #expect(plan.model.product == .vls128 && plan.model.returnMode == .strongest)
        #expect(abs(plan.model.packetsPerSecond - 6253.9) < 0.1)
        #expect(abs(plan.model.packetsPerRevolution - 625.39) < 0.01)
        #expect((0..<2000).filter { plan.drops(Int64($0)) } == [996, 1993])
        #expect(try VelodyneSimulationPlan(options: ["replayCapture": "x.pcap"]) == nil)
        #expect(throws: LiDARReplayError.self) { try VelodyneSimulationPlan(options: ["simulatedProduct": "HDL-64"]) }
        #expect(throws: LiDARReplayError.self) {
            try VelodyneSimulationPlan(options: ["simulatedProduct": "VLP-16", "dropEveryNthPacket": "1"])
        }
        let dual = try #require(
            try VelodyneSimulationPlan(options: ["simulatedProduct": "VLP-16", "returnMode": "dual"]))
        #expect(dual.model.packetPeriodNanoseconds == 1_327_104 / 2)
    }

    @Test func positionPacketCarriesTheSimulatedTime() throws {
        // 2026-06-01T08:15:42.250000 UTC, as GPS time with 18 leap seconds.
        let utc: Int64 = 1_780_301_742_250_000_000
        let gps = GPSTime(unixUTCNanoseconds: utc, leapSeconds: 18)
        let packet = try VelodynePositionPacket(bytes: VelodyneSimulationPlan.positionPacket(gps: gps, leapSeconds: 18))
        #expect(packet.ppsStatus == .locked)
        #expect(packet.timestampMicrosecondsPastHour == (15 * 60 + 42) * 1_000_000 + 250_000)
        let rmc = try #require(packet.rmc, "checksum-valid RMC")
        #expect(rmc.utcTime == "081542" && rmc.date == "010626" && rmc.status == "A")
        #expect(
            VelodyneSimulationPlan.microsecondsPastHour(gps, leapSeconds: 18) == packet.timestampMicrosecondsPastHour)
    }
}
