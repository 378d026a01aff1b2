import Foundation
import TaktCore

/// One variant of the official MCAP conformance suite (`shared/data/mcap-conformance/<Name>/<Name>-<features>`):
/// its expected record list (JSON) and the SHA-256/size of the expected file (Git LFS pointer).
struct MCAPConformanceVariant: CustomStringConvertible, Sendable {
    let name: String
    let features: Set<String>
    let records: [MCAPFlatRecord]
    let expectedSHA256: String
    let expectedSize: Int

    var description: String { name }
    var isPadded: Bool { features.contains("pad") }

    /// Every variant of the suite, sorted by name; throws when the suite is missing.
    static func all() throws -> [MCAPConformanceVariant] {
        let suite = try SharedData.url("data/mcap-conformance")
        let fm = FileManager.default
        var out: [MCAPConformanceVariant] = []
        for group in try fm.contentsOfDirectory(atPath: suite.path).sorted() {
            let dir = suite.appendingPathComponent(group)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else { continue }
            for file in try fm.contentsOfDirectory(atPath: dir.path).sorted() where file.hasSuffix(".json") {
                out.append(try load(dir.appendingPathComponent(file)))
            }
        }
        return out
    }

    static func load(_ json: URL) throws -> MCAPConformanceVariant {
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any] ?? [:]
        let meta = (doc["meta"] as? [String: Any])?["variant"] as? [String: Any]
        let features = Set(meta?["features"] as? [String] ?? [])
        var records: [MCAPFlatRecord] = []
        for case let record as [String: Any] in doc["records"] as? [Any] ?? [] {
            let type = record["type"] as? String ?? "?"
            var fields: [String: MCAPFlatRecord.Value] = [:]
            for case let pair as [Any] in record["fields"] as? [Any] ?? [] where pair.count == 2 {
                guard let key = pair[0] as? String else { continue }
                fields[key] = .init(json: pair[1])
            }
            records.append(MCAPFlatRecord(type: type, fields: fields))
        }
        let pointer = try String(contentsOf: json.deletingPathExtension().appendingPathExtension("mcap"), encoding: .utf8)
        var sha = ""
        var size = -1
        for line in pointer.split(separator: "\n") {
            if line.hasPrefix("oid sha256:") { sha = String(line.dropFirst("oid sha256:".count)) }
            if line.hasPrefix("size ") { size = Int(line.dropFirst(5)) ?? -1 }
        }
        return MCAPConformanceVariant(
            name: json.deletingPathExtension().lastPathComponent, features: features, records: records,
            expectedSHA256: sha, expectedSize: size)
    }

    /// The writer options the variant's feature letters stand for, with the suite's fixed settings (one chunk,
    /// CRCs and data CRC on), as tools/mcap-conformance-regen.py maps them for python-mcap.
    var writerOptions: MCAPWriter.Options {
        var o = MCAPWriter.Options()
        o.useChunking = features.contains("ch")
        o.useMessageIndex = features.contains("mx")
        o.useChunkIndex = features.contains("chx")
        o.useStatistics = features.contains("st")
        o.useSummaryOffsets = features.contains("sum")
        o.useAttachmentIndex = features.contains("ax")
        o.useMetadataIndex = features.contains("mdx")
        o.repeatSchemas = features.contains("rsh")
        o.repeatChannels = features.contains("rch")
        o.enableCRCs = true
        o.enableDataCRC = true
        o.chunkSize = 1 << 30
        return o
    }
}
