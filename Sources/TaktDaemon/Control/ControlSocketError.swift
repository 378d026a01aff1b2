/// Failures of the control socket, with the path and errno an operator needs.
public enum ControlSocketError: Error, CustomStringConvertible, Equatable {
    case pathTooLong(String)
    case alreadyServing(String)
    case syscall(String, path: String, errno: Int32)
    case daemonNotRunning(path: String, errno: Int32)
    case timeout(path: String)
    case badResponse(path: String, detail: String)

    public var description: String {
        switch self {
        case .pathTooLong(let p): "control socket path is longer than 107 bytes: \(p)"
        case .alreadyServing(let p): "another takt daemon is already serving \(p)"
        case .syscall(let op, let p, let e): "\(op) failed on \(p): \(errnoDescription(e))"
        case .daemonNotRunning(let p, let e):
            "no takt daemon answers on \(p) (\(errnoDescription(e))); start one with `takt run --rig FILE` or `takt simulate`"
        case .timeout(let p): "the takt daemon on \(p) did not answer within the timeout"
        case .badResponse(let p, let d): "unreadable answer from the daemon on \(p): \(d)"
        }
    }
}
