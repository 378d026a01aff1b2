import Foundation

/// Runs Support/mcap_check.py (python-mcap) on files and decodes its per-file verdicts.
struct PythonMCAPCheck: Decodable {
    struct Statistics: Decodable {
        let message_count: Int
        let channel_message_counts: [String: Int]
        let chunk_count: Int
        let schema_count: Int
        let channel_count: Int
        let attachment_count: Int
        let metadata_count: Int
    }

    let path: String
    let ok: Bool
    let error: String?
    let messages: [[JSONScalar]]?
    let schema_validated: Int?
    let attachments: [String]?
    let metadata: [String]?
    let statistics: Statistics?
    let channels: [String: String]?
    let chunk_indexes: [[Int]]?
    let stream_messages: Int?
    let summary_crc_ok: Bool?
    let attachment_crcs_ok: [Bool]?

    enum JSONScalar: Decodable, Equatable {
        case string(String)
        case int(UInt64)

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(UInt64.self) { self = .int(i) } else { self = .string(try c.decode(String.self)) }
        }
    }

    /// (topic, sequence, log_time) of each message python-mcap read.
    var messageKeys: [TaktLikeRecording.WrittenMessage] {
        (messages ?? []).compactMap { m in
            guard m.count == 3, case .string(let topic) = m[0], case .int(let seq) = m[1], case .int(let t) = m[2]
            else { return nil }
            return TaktLikeRecording.WrittenMessage(topic: topic, sequence: UInt32(seq), logTime: t)
        }
    }

    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("mcap_check.py")
    }

    /// Checks `files` in one python process (startup dominates otherwise).
    static func run(_ files: [URL], jsonschema: Bool = false) throws -> [PythonMCAPCheck] {
        let args = [script.path] + (jsonschema ? ["--jsonschema"] : []) + files.map(\.path)
        let output = try ExternalTool.run("python3", args)
        return try JSONDecoder().decode([PythonMCAPCheck].self, from: Data(output.utf8))
    }
}
