/// A BagIt manifest (`manifest-sha256.txt`, `tagmanifest-sha256.txt`): one `<hex>  <path>` line per file.
///
/// Two spaces between digest and path make the same file valid for coreutils `sha256sum -c`; paths are
/// percent-encoded only for `%`, CR and LF, as RFC 8493 §2.1.3 asks (Takt's own names never contain them).
public struct BagManifest: Equatable, Sendable {
    public static let payloadFileName = "manifest-sha256.txt"
    public static let tagFileName = "tagmanifest-sha256.txt"

    public struct Entry: Equatable, Sendable {
        /// Lower-case hexadecimal SHA-256.
        public var digest: String
        /// Path relative to the bag root, `/`-separated (`data/lidar/lidar-os0.pcap`).
        public var path: String
        public init(digest: String, path: String) {
            self.digest = digest
            self.path = path
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The manifest text, sorted by path so two writers of the same bag produce the same bytes.
    public var text: String {
        entries.sorted { $0.path < $1.path }.map { "\($0.digest)  \(Self.encodePath($0.path))\n" }.joined()
    }

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case malformedLine(number: Int, text: String)
        public var description: String {
            switch self {
            case .malformedLine(let n, let t): "line \(n) is not '<sha256>  <path>': \(t.prefix(80))"
            }
        }
    }

    /// Parses manifest text; accepts one or more spaces or a tab between digest and path, as bagit-python does.
    public static func parse(_ text: String) throws(ParseError) -> BagManifest {
        var entries: [Entry] = []
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            if line.isEmpty { continue }
            guard let sep = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                throw .malformedLine(number: number, text: String(line))
            }
            let digest = line[..<sep].lowercased()
            var rest = line[sep...]
            while let f = rest.first, f == " " || f == "\t" { rest = rest.dropFirst() }
            if rest.first == "*" { rest = rest.dropFirst() }  // sha256sum binary-mode marker
            guard digest.count == 64, digest.allSatisfy(\.isHexDigit), !rest.isEmpty else {
                throw .malformedLine(number: number, text: String(line))
            }
            entries.append(Entry(digest: digest, path: decodePath(String(rest))))
        }
        return BagManifest(entries: entries)
    }

    static func encodePath(_ p: String) -> String {
        var out = ""
        for c in p {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case "\r\n": out += "%0D%0A"
            default: out.append(c)
            }
        }
        return out
    }

    static func decodePath(_ p: String) -> String {
        p.replacing("%0D", with: "\r").replacing("%0A", with: "\n").replacing("%0d", with: "\r")
            .replacing("%0a", with: "\n").replacing("%25", with: "%")
    }
}
