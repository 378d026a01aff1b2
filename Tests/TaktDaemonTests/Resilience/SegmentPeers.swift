import Foundation
import TaktCore

/// Independent checks of one closed segment by the tools its files are meant for. Each returns the problems it
/// found (empty when the peer accepts the segment).
enum SegmentPeers {
    /// sha256sum -c on both manifests, bagit-python's full validation, python-mcap with CRCs on the timeline,
    /// convbin on each `.ubx` (epochs must equal the RXM-RAWX frames in the file), capinfos on each pcap.
    static func check(segment: String, scratch: String) throws -> [String] {
        var problems: [String] = []
        for manifest in ["manifest-sha256.txt", "tagmanifest-sha256.txt"] {
            let r = try Resilience.run(["sha256sum", "--strict", "-c", manifest], in: segment)
            if r.status != 0 { problems.append("sha256sum -c \(manifest) in \(segment): \(r.stdout) \(r.stderr)") }
        }
        let bag = try Resilience.run(["python3", "-m", "bagit", "--validate", segment])
        if bag.status != 0 { problems.append("bagit --validate \(segment): \(bag.stderr)") }
        let data = segment + "/data"
        let files = (FileManager.default.enumerator(atPath: data)?.allObjects as? [String]) ?? []
        for rel in files.sorted() {
            let path = data + "/" + rel
            if rel.hasSuffix(".mcap") {
                if let p = try pythonMCAP(path) { problems.append(p) }
            } else if rel.hasSuffix(".ubx") {
                let scan = try UBXScan(path: path)
                let epochs = try convbinEpochs(path, scratch: scratch)
                if epochs != scan.rawxFrames {
                    problems.append(
                        "convbin wrote \(epochs) RINEX epoch(s) from \(path), which holds \(scan.rawxFrames) RXM-RAWX")
                }
            } else if rel.hasSuffix(".pcap") {
                let r = try Resilience.run(["capinfos", path])
                if r.status != 0 || (r.stdout + r.stderr).contains("cut short") {
                    problems.append("capinfos \(path): \(r.stdout) \(r.stderr)")
                }
            }
        }
        return problems
    }

    /// RINEX observation epochs convbin writes from a `.ubx` file.
    static func convbinEpochs(_ ubx: String, scratch: String) throws -> Int {
        let obs = scratch + "/convbin-\(UUID().uuidString.prefix(8)).obs"
        defer { try? FileManager.default.removeItem(atPath: obs) }
        _ = try Resilience.run(["convbin", "-r", "ubx", "-o", obs, ubx])
        guard let text = try? String(contentsOfFile: obs, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { $0.hasPrefix(">") }.count
    }

    /// python-mcap reads every message with CRC validation (seeking reader, then a streamed pass).
    static func pythonMCAP(_ path: String) throws -> String? {
        let script = """
            import sys
            from mcap.reader import make_reader
            from mcap.stream_reader import StreamReader
            p = sys.argv[1]
            with open(p, 'rb') as f:
                n = sum(1 for _ in make_reader(f, validate_crcs=True).iter_messages())
            with open(p, 'rb') as f:
                for _ in StreamReader(f, validate_crcs=True).records:
                    pass
            print(n)
            """
        let r = try Resilience.run(["python3", "-c", script, path])
        return r.status == 0 ? nil : "python-mcap rejected \(path): \(r.stderr)"
    }
}

/// What a `.ubx` file holds, decoded with the core's stream decoder: RXM-RAWX count and NAV-PVT epoch times.
struct UBXScan {
    var rawxFrames = 0
    var navPVTFrames = 0
    var lastNavPVT: GPSTime?
    var garbageBytes = 0

    init(path: String, leapSeconds: Int = 18) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var decoder = GNSSStreamDecoder()
        decoder.append(bytes)
        decoder.finish()
        while let frame = decoder.next() {
            switch frame {
            case .ubx(.rxmRawx, _): rawxFrames += 1
            case .ubx(.navPVT(let p), _):
                navPVTFrames += 1
                if let t = p.gpsTime(leapSeconds: leapSeconds), lastNavPVT.map({ t > $0 }) ?? true { lastNavPVT = t }
            case .garbage(let g): garbageBytes += g.count
            default: break
            }
        }
    }
}
