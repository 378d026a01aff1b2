/// Why a replay could not run.
public enum LiDARReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    case capture(String)
    case invalidFaultPlan([String])
    case socketFailed(errno: Int32)
    case sendFailed(port: UInt16, errno: Int32)

    public var description: String {
        switch self {
        case .capture(let detail): "cannot replay capture: \(detail)"
        case .invalidFaultPlan(let problems): "fault plan is inconsistent: \(problems.joined(separator: "; "))"
        case .socketFailed(let code): "replayer socket failed (errno \(code))"
        case .sendFailed(let port, let code): "sending to UDP port \(port) failed (errno \(code))"
        }
    }
}
