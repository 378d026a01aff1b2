/// `bag-info.txt` (RFC 8493 §2.2.2): ordered `Label: value` lines. Labels may repeat (Takt repeats
/// `Takt-Loss`), so this is a list, not a dictionary.
public struct BagInfo: Equatable, Sendable {
    public static let fileName = "bag-info.txt"

    public struct Field: Equatable, Sendable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public var fields: [Field]

    public init(fields: [Field] = []) { self.fields = fields }

    public mutating func append(_ label: String, _ value: String) { fields.append(Field(label, value)) }

    /// The first value for `label` (labels compare case-insensitively, as RFC 8493 asks readers to).
    public func value(for label: String) -> String? {
        let l = label.lowercased()
        return fields.first { $0.label.lowercased() == l }?.value
    }

    public func values(for label: String) -> [String] {
        let l = label.lowercased()
        return fields.filter { $0.label.lowercased() == l }.map(\.value)
    }

    /// The file text; values have line breaks replaced by spaces so every field stays one line.
    public var text: String {
        fields.map { field in
            let v = field.value.replacingLineBreaks()
            return "\(field.label): \(v)\n"
        }.joined()
    }

    /// Parses the text, joining continuation lines (leading whitespace) to the field above. `nil` for a line that
    /// is neither a field nor a continuation.
    public static func parse(_ text: String) -> BagInfo? {
        var info = BagInfo()
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            if line.isEmpty { continue }
            if let first = line.first, first == " " || first == "\t" {
                guard !info.fields.isEmpty else { return nil }
                info.fields[info.fields.count - 1].value += " " + line.drop(while: { $0 == " " || $0 == "\t" })
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let label = String(line[..<colon]).trimmingSpaces()
            let value = String(line[line.index(after: colon)...]).trimmingSpaces()
            guard !label.isEmpty else { return nil }
            info.append(label, value)
        }
        return info
    }
}

/// `Payload-Oxum: <octets>.<streamcount>`: total payload bytes and file count, a cheap completeness check.
public struct PayloadOxum: Equatable, Sendable, CustomStringConvertible {
    public static let label = "Payload-Oxum"
    public var bytes: Int64
    public var files: Int

    public init(bytes: Int64, files: Int) {
        self.bytes = bytes
        self.files = files
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let b = Int64(parts[0]), let f = Int(parts[1]), b >= 0, f >= 0 else { return nil }
        self.init(bytes: b, files: f)
    }

    public var description: String { "\(bytes).\(files)" }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    func replacingLineBreaks() -> String {
        String(map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
