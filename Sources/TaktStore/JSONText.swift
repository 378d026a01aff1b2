import Foundation

/// Stable JSON for tag files (sorted keys, pretty, unescaped slashes) so equal content gives equal hashes.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding Takt's own plain structs cannot fail; an empty object would show up in verify, never crash.
        guard let data = try? encoder.encode(value) else { return Array("{}\n".utf8) }
        return Array(data) + [0x0A]
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], path: String) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw .invalidBundle(path: path, reason: "cannot decode \(T.self): \(error)")
        }
    }
}
