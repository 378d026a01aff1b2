/// One request on the daemon's control socket: a single JSON object per line.
public struct ControlRequest: Codable, Sendable, Equatable {
    public enum Command: String, Codable, Sendable, CaseIterable {
        case status, start, stop, pause, resume, mark
        /// Commands that change recording; only the operator group may send them.
        public var isControl: Bool { self != .status }
    }
    public var command: Command
    /// Text of a mark.
    public var text: String?
    public init(command: Command, text: String? = nil) {
        self.command = command
        self.text = text
    }
}

/// The daemon's answer: one JSON object per line.
public struct ControlResponse: Codable, Sendable, Equatable {
    public var ok: Bool
    public var error: String?
    public var status: StatusSnapshot?
    public init(ok: Bool, error: String? = nil, status: StatusSnapshot? = nil) {
        self.ok = ok
        self.error = error
        self.status = status
    }
}
