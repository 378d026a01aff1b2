import Foundation
import TaktCore
import Testing

/// Cross-checks Takt's UBX decoders against pyubx2, an independent implementation, on seeded random frames of every
/// message Takt decodes (the real logs hold no TIM-TM2, ESF-INS or HNR-PVT with varied values).
@Suite struct UBXPyubx2CrossCheckTests {
    @Test func everyFieldAgreesWithPyubx2() throws {
        let frames = try Pyubx2.frames()
        try #require(frames.count >= 30)
        var seen = Set<String>()
        for f in frames {
            // Decode once whole and once byte by byte: same message.
            let whole = decodeOne(f.bytes, chunk: f.bytes.count)
            #expect(decodeOne(f.bytes, chunk: 1) == whole, "\(f.identity): drip-feed differs")
            #expect(decodeOne(f.bytes, chunk: 1 + f.bytes.count % 7) == whole, "\(f.identity): chunked feed differs")
            let message = try #require(whole, "\(f.identity): no UBX frame decoded")
            seen.insert(f.identity)
            check(message, f)
        }
        #expect(seen.count == 10, "identities covered: \(seen.sorted())")
    }

    private func decodeOne(_ bytes: [UInt8], chunk: Int) -> UBXMessage? {
        var d = GNSSStreamDecoder()
        var out: [UBXMessage] = []
        var i = 0
        while i < bytes.count {
            d.append(bytes[i..<min(bytes.count, i + chunk)])
            i += chunk
            while let fr = d.next() { if case .ubx(let m, _) = fr { out.append(m) } }
        }
        d.finish()
        while let fr = d.next() { if case .ubx(let m, _) = fr { out.append(m) } }
        return out.count == 1 ? out[0] : nil
    }

    private func eq(
        _ name: String, _ ours: Double, _ f: Pyubx2.Frame, scale: Double = 1,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let theirs = f.double(name) else {
            Issue.record("\(f.identity): pyubx2 has no \(name)", sourceLocation: sourceLocation)
            return
        }
        let tol = max(1e-9, abs(theirs) * 1e-12) + scale * 1e-6
        #expect(
            abs(ours - theirs) <= tol, "\(f.identity).\(name): Takt \(ours) vs pyubx2 \(theirs)",
            sourceLocation: sourceLocation)
    }

    private func eq<I: BinaryInteger>(
        _ name: String, _ ours: I, _ f: Pyubx2.Frame, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            f.int(name) == Int(ours),
            "\(f.identity).\(name): Takt \(ours) vs pyubx2 \(String(describing: f.fields[name]))",
            sourceLocation: sourceLocation)
    }

    private func check(_ m: UBXMessage, _ f: Pyubx2.Frame) {
        switch m {
        case .navPVT(let p):
            #expect(f.identity == "NAV-PVT")
            eq("iTOW", p.iTOWMilliseconds, f); eq("year", p.year, f); eq("month", p.month, f); eq("day", p.day, f)
            eq("hour", p.hour, f); eq("min", p.minute, f); eq("second", p.second, f)
            eq("validDate", p.validDate ? 1 : 0, f); eq("validTime", p.validTime ? 1 : 0, f)
            eq("tAcc", p.timeAccuracyNanoseconds, f); eq("nano", p.nanoseconds, f); eq("fixType", p.fixType, f)
            eq("gnssFixOk", p.gnssFixOK ? 1 : 0, f); eq("carrSoln", p.flags >> 6, f); eq("numSV", p.numSV, f)
            eq("lon", p.longitude, f, scale: 1e-7); eq("lat", p.latitude, f, scale: 1e-7)
            eq("height", p.heightHAEMillimeters, f); eq("hMSL", p.heightMSLMillimeters, f)
            eq("hAcc", p.horizontalAccuracyMillimeters, f); eq("vAcc", p.verticalAccuracyMillimeters, f)
            eq("velN", p.velocityNorthMillimetersPerSecond, f); eq("velE", p.velocityEastMillimetersPerSecond, f)
            eq("velD", p.velocityDownMillimetersPerSecond, f); eq("gSpeed", p.groundSpeedMillimetersPerSecond, f)
            eq("headMot", Double(p.headingOfMotion) * 1e-5, f, scale: 1e-5)
            eq("sAcc", p.speedAccuracyMillimetersPerSecond, f)
            eq("headAcc", Double(p.headingAccuracy) * 1e-5, f, scale: 1e-5)
            eq("pDOP", Double(p.pDOP) * 0.01, f, scale: 0.01)
        case .navTimeGPS(let t):
            #expect(f.identity == "NAV-TIMEGPS")
            eq("iTOW", t.iTOWMilliseconds, f); eq("fTOW", t.fTOWNanoseconds, f); eq("week", t.week, f)
            eq("leapS", t.leapSeconds, f); eq("leapSValid", t.leapSecondsValid ? 1 : 0, f);
            eq("tAcc", t.timeAccuracyNanoseconds, f)
        case .timTP(let t):
            #expect(f.identity == "TIM-TP")
            eq("towMS", t.towMilliseconds, f); eq("towSubMS", Double(t.towSubMilliseconds) * 0x1p-32, f)
            eq("qErr", t.quantizationErrorPicoseconds, f); eq("week", t.week, f)
            eq("timeBase", t.flags & 1, f); eq("qErrInvalid", (t.flags >> 4) & 1, f)
        case .timTM2(let t):
            #expect(f.identity == "TIM-TM2")
            eq("ch", t.channel, f); eq("count", t.count, f); eq("wnR", t.weekRising, f); eq("wnF", t.weekFalling, f)
            eq("towMsR", t.towRisingMilliseconds, f); eq("towSubMsR", t.towSubRisingNanoseconds, f)
            eq("towMsF", t.towFallingMilliseconds, f); eq("towSubMsF", t.towSubFallingNanoseconds, f)
            eq("accEst", t.accuracyEstimateNanoseconds, f); eq("timeBase", t.timeBase, f)
            eq("newRisingEdge", t.newRisingEdge ? 1 : 0, f); eq("newFallingEdge", t.newFallingEdge ? 1 : 0, f)
            eq("time", t.timeValid ? 1 : 0, f)
        case .esfRaw(let r):
            #expect(f.identity == "ESF-RAW")
            #expect(f.fields["data_\(String(r.samples.count + 1).leftPad2)"] == nil)
            for (i, s) in r.samples.enumerated() {
                let k = String(i + 1).leftPad2
                let word = UInt32(s.data.dataType) << 24 | UInt32(bitPattern: s.data.rawValue) & 0xFF_FFFF
                eq("data_\(k)", word, f); eq("sTag_\(k)", s.sensorTimeTag, f)
            }
        case .esfMeas(let m):
            #expect(f.identity == "ESF-MEAS")
            eq("timeTag", m.timeTag, f); eq("numMeas", m.numMeas, f); eq("id", m.providerID, f)
            eq("calibTtagValid", (m.flags >> 3) & 1, f)
            for (i, d) in m.data.enumerated() {
                let k = String(i + 1).leftPad2
                eq("dataField_\(k)", UInt32(bitPattern: d.rawValue) & 0xFF_FFFF, f); eq("dataType_\(k)", d.dataType, f)
            }
        case .esfIns(let i):
            #expect(f.identity == "ESF-INS")
            eq("iTOW", i.iTOWMilliseconds, f); eq("version", i.bitfield0 & 0xFF, f)
            eq("zAngRateValid", (i.bitfield0 >> 10) & 1, f); eq("yAccelValid", (i.bitfield0 >> 12) & 1, f)
            eq("xAngRate", i.angularRateX, f, scale: 1e-3); eq("yAngRate", i.angularRateY, f, scale: 1e-3)
            eq("zAngRate", i.angularRateZ, f, scale: 1e-3); eq("xAccel", i.accelerationX, f, scale: 1e-2)
            eq("yAccel", i.accelerationY, f, scale: 1e-2); eq("zAccel", i.accelerationZ, f, scale: 1e-2)
        case .hnrPVT(let h):
            #expect(f.identity == "HNR-PVT")
            eq("iTOW", h.iTOWMilliseconds, f); eq("year", h.year, f); eq("month", h.month, f); eq("day", h.day, f)
            eq("hour", h.hour, f); eq("min", h.minute, f); eq("second", h.second, f); eq("nano", h.nanoseconds, f)
            eq("gpsFix", h.gpsFix, f); eq("GPSfixOK", h.flags & 1, f)
            eq("lon", h.longitude, f, scale: 1e-7); eq("lat", h.latitude, f, scale: 1e-7)
            eq("height", h.heightHAEMillimeters, f); eq("hMSL", h.heightMSLMillimeters, f)
            eq("gSpeed", h.groundSpeedMillimetersPerSecond, f); eq("speed", h.speedMillimetersPerSecond, f)
            eq("headMot", Double(h.headingOfMotion) * 1e-5, f, scale: 1e-5)
            eq("headVeh", Double(h.headingOfVehicle) * 1e-5, f, scale: 1e-5)
            eq("hAcc", h.horizontalAccuracyMillimeters, f); eq("vAcc", h.verticalAccuracyMillimeters, f)
            eq("sAcc", h.speedAccuracyMillimetersPerSecond, f)
            eq("headAcc", Double(h.headingAccuracy) * 1e-5, f, scale: 1e-5)
        case .rxmRawx(let r):
            #expect(f.identity == "RXM-RAWX")
            eq("rcvTow", r.receiverTimeOfWeekSeconds, f); eq("week", r.week, f); eq("leapS", r.leapSeconds, f)
            eq("numMeas", r.measurements.count, f); eq("leapSec", r.receiverStatus & 1, f)
            for (i, m) in r.measurements.enumerated() {
                let k = "_" + String(i + 1).leftPad2
                eq("prMes" + k, m.pseudorangeMeters, f); eq("cpMes" + k, m.carrierPhaseCycles, f)
                eq("doMes" + k, Double(m.dopplerHertz), f); eq("gnssId" + k, m.gnssID, f); eq("svId" + k, m.svID, f)
                eq("sigId" + k, m.sigID, f); eq("freqId" + k, m.freqID, f);
                eq("locktime" + k, m.lockTimeMilliseconds, f)
                eq("cno" + k, m.cno, f); eq("prStd" + k, m.pseudorangeStdDev, f);
                eq("cpStd" + k, m.carrierPhaseStdDev, f)
                eq("doStd" + k, m.dopplerStdDev, f); eq("prValid" + k, m.trackingStatus & 1, f)
                eq("cpValid" + k, (m.trackingStatus >> 1) & 1, f)
            }
        case .rxmSfrbx(let s):
            #expect(f.identity == "RXM-SFRBX")
            eq("gnssId", s.gnssID, f); eq("svId", s.svID, f); eq("sigId", s.sigID, f); eq("freqId", s.freqID, f)
            eq("numWords", s.words.count, f); eq("chn", s.channel, f); eq("version", s.version, f)
            for (i, w) in s.words.enumerated() { eq("dwrd_" + String(i + 1).leftPad2, w, f) }
        default:
            Issue.record("\(f.identity) decoded as \(m)")
        }
    }
}

extension String {
    fileprivate var leftPad2: String { count >= 2 ? self : "0" + self }
}
