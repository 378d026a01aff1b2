public import Foundation
public import TaktCore

/// Loads rig files (JSON5) from disk. Decoding errors become `RigProblem`s with their path in the file.
public enum RigFile {
    public struct LoadError: Error, CustomStringConvertible {
        public var problems: [RigProblem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    public static func load(path: String) throws(LoadError) -> RigConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoadError(problems: [RigProblem(path: "(file)", message: "cannot read \(path): \(error.localizedDescription)")])
        }
        return try decode(data)
    }

    public static func decode(_ data: Data) throws(LoadError) -> RigConfig {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        do {
            return try decoder.decode(RigConfig.self, from: data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw LoadError(problems: [RigProblem(path: pathString(ctx.codingPath + [key]), message: "required key is missing")])
        } catch let DecodingError.typeMismatch(type, ctx) {
            throw LoadError(problems: [RigProblem(path: pathString(ctx.codingPath), message: "expected \(type)")])
        } catch let DecodingError.valueNotFound(type, ctx) {
            throw LoadError(problems: [RigProblem(path: pathString(ctx.codingPath), message: "expected \(type), found null")])
        } catch let DecodingError.dataCorrupted(ctx) {
            let detail = (ctx.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            let msg = [ctx.debugDescription, detail].compactMap { $0 }.joined(separator: ": ")
            throw LoadError(problems: [RigProblem(path: pathString(ctx.codingPath), message: msg)])
        } catch {
            throw LoadError(problems: [RigProblem(path: "(file)", message: "\(error)")])
        }
    }

    static func pathString(_ path: [any CodingKey]) -> String {
        var s = ""
        for k in path {
            if let i = k.intValue {
                s += "[\(i)]"
            } else {
                s += s.isEmpty ? k.stringValue : ".\(k.stringValue)"
            }
        }
        return s.isEmpty ? "(root)" : s
    }
}
