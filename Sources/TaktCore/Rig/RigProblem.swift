/// One thing wrong with a rig file, located by its path in the file (`sensors[2].connection.serial.baud`).
public struct RigProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }
    public var path: String
    public var message: String
    public var severity: Severity

    public init(path: String, message: String, severity: Severity = .error) {
        self.path = path
        self.message = message
        self.severity = severity
    }

    public var description: String { "\(severity.rawValue): \(path): \(message)" }
}
