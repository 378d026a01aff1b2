import Foundation

/// JSON encoding for timeline messages: snake_case keys, sorted for stable bytes.
enum TimelineJSON {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys]
        return Array(try e.encode(value))
    }
}
