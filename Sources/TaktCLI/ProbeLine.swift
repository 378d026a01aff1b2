import TaktCore
import TaktSerial

/// JSON-line renderings of adapter events for `takt probe`. Pure functions of the event; bytes as lowercase hex.
enum ProbeLine {
    static func serial(_ event: SerialEvent) -> String {
        switch event {
        case .opened(let path, let at):
            #"{"event":"opened","source":"serial","path":\#(quoted(path)),"monotonicNs":\#(at.nanoseconds)}"#
        case .bytes(let bytes, let at):
            #"{"event":"bytes","hex":"\#(hex(bytes))","count":\#(bytes.count),"monotonicNs":\#(at.nanoseconds)}"#
        case .failed(let error, let at):
            failure("serial", error, at)
        }
    }

    static func dcd(_ event: DCDEvent) -> String {
        switch event {
        case .opened(let path, let at):
            #"{"event":"opened","source":"dcd","path":\#(quoted(path)),"monotonicNs":\#(at.nanoseconds)}"#
        case .edge(let edge):
            #"{"event":"dcd","assert":\#(edge.isAssert),"missed":\#(edge.missedTransitions.map(String.init) ?? "null"),"#
                + #""monotonicNs":\#(edge.instant.nanoseconds)}"#
        case .failed(let error, let at):
            failure("dcd", error, at)
        }
    }

    static func writeFailure(_ error: SerialPortError) -> String {
        #"{"event":"writeFailed","function":\#(quoted(error.function)),"code":\#(error.code.rawValue),"#
            + #""message":\#(quoted(error.message)),"device":\#(quoted(error.device))}"#
    }

    private static func failure(_ source: String, _ error: SerialPortError, _ at: MonotonicInstant) -> String {
        #"{"event":"failed","source":"\#(source)","function":\#(quoted(error.function)),"#
            + #""code":\#(error.code.rawValue),"message":\#(quoted(error.message)),"#
            + #""device":\#(quoted(error.device)),"monotonicNs":\#(at.nanoseconds)}"#
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses an even-length hex string; `nil` on anything else.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A JSON string literal with the escapes JSON requires.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let h = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
