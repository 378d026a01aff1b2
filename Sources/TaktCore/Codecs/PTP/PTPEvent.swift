/// An event from the interrupt-IN endpoint (ISO 15740 §12 / Annex D.7.1.1 type 4), with up to three parameters.
public struct PTPEvent: Hashable, Sendable {
    public var code: PTPEventCode
    public var transactionID: UInt32
    public var parameters: [UInt32]

    public init(code: PTPEventCode, transactionID: UInt32, parameters: [UInt32]) {
        self.code = code
        self.transactionID = transactionID
        self.parameters = parameters
    }

    /// Decodes one interrupt transfer. Anything but a single well-formed event container is an error to count.
    public init(decoding transfer: [UInt8]) throws(PTPError) {
        let container = try PTPContainer.decode(transfer, maximumLength: 24)
        guard container.type == .event else {
            throw .unexpectedContainer(
                type: container.type,
                code: container.code,
                transactionID: container.transactionID
            )
        }
        self.init(
            code: PTPEventCode(rawValue: container.code),
            transactionID: container.transactionID,
            parameters: container.parameters
        )
    }

    public func encoded() -> [UInt8] {
        PTPContainer(type: .event, code: code.rawValue, transactionID: transactionID, parameters: parameters)
            .encoded()
    }
}
