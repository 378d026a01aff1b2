import Foundation

/// Runs `Pyubx2Script.source` with the `python3` on PATH and returns its frames with pyubx2's parse.
enum Pyubx2 {
    struct Frame {
        var identity: String
        var bytes: [UInt8]
        var fields: [String: Any]

        func double(_ key: String) -> Double? { (fields[key] as? NSNumber)?.doubleValue }
        func int(_ key: String) -> Int? { (fields[key] as? NSNumber)?.intValue }
    }

    enum Failure: Error, CustomStringConvertible {
        case run(String)
        var description: String {
            switch self {
            case .run(let s): "pyubx2 script failed: \(s)"
            }
        }
    }

    static func frames() throws -> [Frame] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", Pyubx2Script.source]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failure.run(String(decoding: errData, as: UTF8.self) + " (is pyubx2 installed? scripts/setup)")
        }
        return try data.split(separator: 0x0A).map { line in
            guard let obj = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let identity = obj["identity"] as? String, let hex = obj["hex"] as? String,
                let fields = obj["fields"] as? [String: Any]
            else { throw Failure.run("unexpected line \(String(decoding: line, as: UTF8.self))") }
            return Frame(identity: identity, bytes: hexBytes(hex), fields: fields)
        }
    }

    static func hexBytes(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = s.utf8.makeIterator()
        while let h = it.next(), let l = it.next() {
            out.append(UInt8(hexValue(h) << 4 | hexValue(l)))
        }
        return out
    }

    private static func hexValue(_ c: UInt8) -> Int {
        switch c {
        case 0x30...0x39: Int(c - 0x30)
        case 0x61...0x66: Int(c - 0x61 + 10)
        default: Int(c - 0x41 + 10)
        }
    }
}
