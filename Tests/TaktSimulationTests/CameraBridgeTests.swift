import TaktCore
import Testing
@testable import TaktSimulation

/// The simulated receiver's UBX stream, decoded and assembled as the daemon does, feeds the camera core: NAV-PVT
/// epochs become fixes whose velocity matches the drive's truth; TIM-TM2 becomes a time mark with its ns edge.
@Suite struct CameraBridgeTests {
    @Test func navPVTAndTimTM2ReachTheCameraCore() throws {
        let drive = SimulatedDrive()
        let t = GPSTime(week: 2_400, timeOfWeekNanoseconds: 100_000_000_000_000)
        let truth = drive.state(at: 12.3)
        let edge = t + .nanoseconds(1_234_567)
        let bytes = UBXEncoder.navPVT(truth, at: t, leapSeconds: 18, satellites: 20) + UBXEncoder.timTM2(count: 42, rising: edge)
        var decoder = GNSSStreamDecoder()
        decoder.append(bytes)
        decoder.finish()
        var assembler = GNSSEpochAssembler()
        var records: [GNSSRecord] = []
        while let f = decoder.next() { records += assembler.handle(f) }
        records += assembler.finish()
        let epoch = try #require(records.compactMap { if case .epoch(let e) = $0 { e } else { nil } }.first)
        let fix = try #require(TriggerFix(epoch))
        #expect(fix.time == t)
        let v = try #require(fix.velocity)
        #expect(abs(v.horizontalNorm - truth.speedMetersPerSecond) < 0.01)
        #expect(abs(fix.position.latitude - truth.latitude) < 1e-7)
        #expect(PoseSample(epoch) != nil)
        let mark = try #require(records.compactMap { if case .timeMark(let m) = $0 { m } else { nil } }.first)
        let tm = TimeMark(mark, leapSeconds: 18)
        #expect(tm.count == 42 && tm.rising == edge)
    }
}
