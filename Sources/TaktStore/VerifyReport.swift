/// The outcome of `takt verify`: every problem with the file it concerns. Sound means no problem at all.
public struct VerifyReport: Codable, Sendable, Hashable {
    public struct Problem: Codable, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
        public var description: String { "\(path): \(message)" }
    }

    public var path: String
    public var segmentsChecked: Int
    public var filesChecked: Int
    public var bytesChecked: Int64
    public var problems: [Problem]

    public var isSound: Bool { problems.isEmpty }

    init(path: String) {
        self.path = path
        segmentsChecked = 0
        filesChecked = 0
        bytesChecked = 0
        problems = []
    }

    mutating func add(_ path: String, _ message: String) { problems.append(Problem(path: path, message: message)) }
}
