/// Why the simulated camera cannot deliver images.
public enum SimulatedCameraError: Error, CustomStringConvertible {
    case fixtureUnreadable(path: String)
    public var description: String {
        switch self {
        case .fixtureUnreadable(let p): "cannot read the simulated camera image \(p) (set the camera's `image` option)"
        }
    }
}
