/// One PTP operation to run: the operation, up to five parameters, and an optional host-to-device data phase.
public struct PTPRequest: Hashable, Sendable {
    public var operation: PTPOperationCode
    public var parameters: [UInt32]
    public var dataOut: [UInt8]?

    public init(_ operation: PTPOperationCode, _ parameters: [UInt32] = [], dataOut: [UInt8]? = nil) {
        self.operation = operation
        self.parameters = parameters
        self.dataOut = dataOut
    }
}

/// The result of one completed transaction: the response code and parameters, and the device-to-host data phase.
public struct PTPResponse: Hashable, Sendable {
    public var operation: PTPOperationCode
    public var transactionID: UInt32
    public var code: PTPResponseCode
    public var parameters: [UInt32]
    public var data: [UInt8]

    public init(
        operation: PTPOperationCode,
        transactionID: UInt32,
        code: PTPResponseCode,
        parameters: [UInt32],
        data: [UInt8]
    ) {
        self.operation = operation
        self.transactionID = transactionID
        self.code = code
        self.parameters = parameters
        self.data = data
    }
}
