import Foundation
import TaktCore
import Testing

@Suite struct ClockStateTests {
    @Test func snapshotEncodesToJSONWithTheStatusFields() throws {
        var rig = ClockModelTestRig(seed: 30)
        var model = ClockModel()
        _ = model.feed(rig.seconds(0..<150))
        let state = model.state(at: rig.instant(rig.trueHost(150.2)))
        let data = try JSONEncoder().encode(state)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "phase", "provenance", "locked", "ppsSource", "labelSource", "offsetNanoseconds", "hostDriftPPM",
            "jitterNanoseconds", "residualRMSNanoseconds", "sigmaNanoseconds", "lastEdgeAgeSeconds", "counters",
            "leapSeconds", "leapSecondsSource",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["provenance"] as? String == "pps-locked")
        #expect(object["ppsSource"] as? String == "simulated")
        #expect(try JSONDecoder().decode(ClockState.self, from: data) == state)
        // Offset is GPS − host at that instant.
        let host = rig.instant(rig.trueHost(150.2))
        let offset = try #require(state.offsetNanoseconds)
        #expect(abs(Double(host.nanoseconds + offset - rig.truth(host))) < 5_000)
    }

    @Test func unreferencedSnapshotStillEncodes() throws {
        let state = ClockModel().state(at: MonotonicInstant(nanoseconds: 0))
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(ClockState.self, from: data) == state)
        #expect(state.provenance == .hostOnly)
    }
}
