import Foundation

/// The real Canon PowerShot SX200 PTP session umockdev recorded (shared/data/usb/umockdev-canon-ptp), read as the
/// usbdevfs URBs it holds. The .ioctl file is a tree: a line indented one deeper than the line before continues
/// that recorded sequence, so a multi-transfer container is a chain of ever-deeper lines.
struct CanonRecording {
    struct Transfer {
        var line: Int
        var depth: Int
        var endpoint: Int
        var data: [UInt8]
    }

    let transfers: [Transfer]

    static func load() throws -> CanonRecording {
        let url = try SharedData.url("data/usb/umockdev-canon-ptp/canon-powershot-sx200.ioctl")
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [Transfer] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let depth = line.prefix { $0 == " " }.count
            let fields = line.split(separator: " ")
            guard fields.count >= 10, fields[0] == "USBDEVFS_REAPURBNDELAY", let endpoint = Int(fields[3]),
                let data = [UInt8](hexString: String(fields[9]))
            else { continue }
            out.append(Transfer(line: number + 1, depth: depth, endpoint: endpoint, data: data))
        }
        return CanonRecording(transfers: out)
    }

    /// The chain of bulk-IN transfers starting at `index`: each next transfer one level deeper.
    func chain(from index: Int) -> [Transfer] {
        var out = [transfers[index]]
        var i = index + 1
        while i < transfers.count, transfers[i].depth == out[out.count - 1].depth + 1 {
            out.append(transfers[i])
            i += 1
        }
        return out
    }
}

extension [UInt8] {
    init?(hexString: String) {
        let digits = Array(hexString.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let b = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(b)
            i += 2
        }
        self = out
    }
}
