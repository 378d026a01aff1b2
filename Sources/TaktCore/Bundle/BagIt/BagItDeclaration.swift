/// `bagit.txt`, the bag declaration (RFC 8493 §2.1.1): exactly two lines, version and tag-file encoding.
public enum BagItDeclaration {
    public static let fileName = "bagit.txt"
    public static let version = "1.0"
    public static let text = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

    /// Whether `text` declares a bag this code reads (version 1.0, UTF-8; CRLF line endings tolerated).
    public static func isValid(_ text: String) -> Bool {
        let fields = BagInfo.parse(text)
        return fields?.value(for: "BagIt-Version") == version
            && fields?.value(for: "Tag-File-Character-Encoding")?.uppercased() == "UTF-8"
    }
}
