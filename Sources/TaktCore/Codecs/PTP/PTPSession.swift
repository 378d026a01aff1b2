/// The PTP session and transaction state machine (ISO 15740 §9.3), sans I/O.
///
/// The driver asks it for the containers to send, writes them to bulk-OUT, and pushes every container read from
/// bulk-IN back in; the machine says when the transaction is complete.
///
///     var session = PTPSession()
///     for c in try session.start(PTPRequest(.openSession, [1])) { write(c.encoded()) }
///     while true { switch session.receive(readContainer()) { case .completed(let r): …; case .ignored(let e): count(e); case .awaitingMore: continue } }
///
/// Transaction ids: OpenSession uses 0, the first transaction inside the session 1, then consecutive values
/// (wrapping past 0xFFFFFFFE to 1). Operations outside a session (GetDeviceInfo, OpenSession) use 0.
/// A container from another transaction, or of the wrong type, is `.ignored` with its reason so the driver can
/// count it; the transaction stays open, which is how a stale response left over from a timed-out transaction is
/// skipped instead of being taken for the current one.
public struct PTPSession: Sendable {
    public enum State: Hashable, Sendable {
        case closed
        case open(sessionID: UInt32)
    }

    /// What `receive(_:)` concluded.
    public enum Action: Hashable, Sendable {
        /// The container was consumed (a data phase); the response is still to come.
        case awaitingMore
        /// The transaction finished.
        case completed(PTPResponse)
        /// The container does not belong here; the transaction continues. Count it.
        case ignored(PTPError)
    }

    private struct Pending: Sendable {
        var request: PTPRequest
        var transactionID: UInt32
        var data: [UInt8]?
        var sessionID: UInt32?
    }

    public private(set) var state: State = .closed
    private var nextTransactionID: UInt32 = 0
    private var pending: Pending?

    public init() {}

    /// The operation currently waiting for its response, if any.
    public var operationInFlight: PTPOperationCode? { pending?.request.operation }

    /// Starts `request` and returns the containers to write to bulk-OUT, in order (command, then data if any).
    public mutating func start(_ request: PTPRequest) throws(PTPError) -> [PTPContainer] {
        if let pending { throw .transactionInProgress(operation: pending.request.operation) }
        guard request.parameters.count <= PTPContainerType.command.maximumParameterCount else {
            throw .badParameterBlock(type: .command, byteCount: 4 * request.parameters.count)
        }
        let transactionID: UInt32
        var sessionID: UInt32?
        switch (request.operation, state) {
        case (.openSession, _):
            transactionID = 0
            sessionID = request.parameters.first ?? 1
        case (.getDeviceInfo, .closed):
            transactionID = 0
        case (_, .closed):
            throw .sessionNotOpen(operation: request.operation)
        case (_, .open):
            transactionID = nextTransactionID
            nextTransactionID = nextTransactionID >= 0xFFFF_FFFE ? 1 : nextTransactionID + 1
        }
        pending = Pending(request: request, transactionID: transactionID, data: nil, sessionID: sessionID)
        var out = [
            PTPContainer(
                type: .command,
                code: request.operation.rawValue,
                transactionID: transactionID,
                parameters: request.parameters
            )
        ]
        if let data = request.dataOut {
            out.append(
                PTPContainer(
                    type: .data,
                    code: request.operation.rawValue,
                    transactionID: transactionID,
                    payload: data
                )
            )
        }
        return out
    }

    /// Consumes one container read from bulk-IN.
    public mutating func receive(_ container: PTPContainer) -> Action {
        guard let current = pending else {
            return .ignored(
                .unexpectedContainer(
                    type: container.type,
                    code: container.code,
                    transactionID: container.transactionID
                )
            )
        }
        guard container.transactionID == current.transactionID else {
            return .ignored(.unexpectedTransaction(expected: current.transactionID, got: container.transactionID))
        }
        switch container.type {
        case .data where current.data == nil && container.code == current.request.operation.rawValue:
            pending?.data = container.payload
            return .awaitingMore
        case .response:
            pending = nil
            let code = PTPResponseCode(rawValue: container.code)
            apply(code, to: current)
            return .completed(
                PTPResponse(
                    operation: current.request.operation,
                    transactionID: current.transactionID,
                    code: code,
                    parameters: container.parameters,
                    data: current.data ?? []
                )
            )
        default:
            return .ignored(
                .unexpectedContainer(
                    type: container.type,
                    code: container.code,
                    transactionID: container.transactionID
                )
            )
        }
    }

    /// Abandons the transaction in flight (transfer error or timeout). Its late response will be `.ignored`.
    public mutating func abandon() { pending = nil }

    /// Forgets the session (device gone or reset); the next operation must be OpenSession.
    public mutating func reset() {
        pending = nil
        state = .closed
        nextTransactionID = 0
    }

    private mutating func apply(_ code: PTPResponseCode, to transaction: Pending) {
        switch transaction.request.operation {
        case .openSession where code == .ok || code == .sessionAlreadyOpen:
            // SessionAlreadyOpen: a previous host died without CloseSession. The device has a session; the driver
            // closes it and opens a fresh one, which needs the session to count as open here.
            state = .open(sessionID: transaction.sessionID ?? 1)
            nextTransactionID = 1
        case .closeSession:
            state = .closed
            nextTransactionID = 0
        default:
            break
        }
    }
}
