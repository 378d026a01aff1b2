/// The `type` field of a PTP container (ISO 15740 USB transport, D.7.1.1).
public enum PTPContainerType: UInt16, Hashable, Sendable, CaseIterable {
    case command = 1
    case data = 2
    case response = 3
    case event = 4

    /// How many u32 parameters a container of this type may carry; data containers carry a payload instead.
    public var maximumParameterCount: Int {
        switch self {
        case .command, .response: 5
        case .event: 3
        case .data: 0
        }
    }
}
