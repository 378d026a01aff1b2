/// Follows one InitiateCapture to the objects it produced (ISO 15740 §10.4.14): after the OK response the camera
/// sends ObjectAdded once per new object, then CaptureComplete carrying the InitiateCapture transaction id.
///
/// The four host stamps (command sent, OK response, first ObjectAdded, CaptureComplete) are passed in with the
/// events; they are the only observable bounds of the exposure instant on a camera without a strobe output.
public struct PTPCaptureTracker: Sendable {
    /// What one capture produced and when the host saw each step.
    public struct Capture: Hashable, Sendable {
        public var transactionID: UInt32
        public var objectHandles: [UInt32]
        public var commandSent: MonotonicInstant
        public var responseReceived: MonotonicInstant
        public var firstObjectAdded: MonotonicInstant?
        public var captureComplete: MonotonicInstant?

        public init(
            transactionID: UInt32,
            objectHandles: [UInt32],
            commandSent: MonotonicInstant,
            responseReceived: MonotonicInstant,
            firstObjectAdded: MonotonicInstant? = nil,
            captureComplete: MonotonicInstant? = nil
        ) {
            self.transactionID = transactionID
            self.objectHandles = objectHandles
            self.commandSent = commandSent
            self.responseReceived = responseReceived
            self.firstObjectAdded = firstObjectAdded
            self.captureComplete = captureComplete
        }
    }

    public enum Outcome: Hashable, Sendable {
        case pending
        case finished(Capture)
        /// CaptureComplete arrived with no object: the camera took nothing (e.g. card full).
        case noObject(transactionID: UInt32)
    }

    private var capture: Capture
    private var done = false

    /// Starts tracking after InitiateCapture (transaction `transactionID`) was answered OK.
    public init(transactionID: UInt32, commandSent: MonotonicInstant, responseReceived: MonotonicInstant) {
        capture = Capture(
            transactionID: transactionID,
            objectHandles: [],
            commandSent: commandSent,
            responseReceived: responseReceived
        )
    }

    /// Events not about this capture (property changes, other transactions) return `.pending` and change nothing.
    /// When `requireCaptureComplete` is false (cameras that never send it), the first ObjectAdded finishes it.
    public mutating func handle(_ event: PTPEvent, at instant: MonotonicInstant, requireCaptureComplete: Bool = true)
        -> Outcome
    {
        guard !done else { return .pending }
        switch event.code {
        case .objectAdded:
            guard let handle = event.parameters.first else { return .pending }
            if capture.firstObjectAdded == nil { capture.firstObjectAdded = instant }
            if !capture.objectHandles.contains(handle) { capture.objectHandles.append(handle) }
            if !requireCaptureComplete {
                done = true
                return .finished(capture)
            }
            return .pending
        case .captureComplete:
            // Some cameras put the transaction id in the parameter, others only in the header.
            let tid = event.parameters.first ?? event.transactionID
            guard tid == capture.transactionID || event.transactionID == capture.transactionID else { return .pending }
            capture.captureComplete = instant
            done = true
            return capture.objectHandles.isEmpty ? .noObject(transactionID: tid) : .finished(capture)
        default:
            return .pending
        }
    }
}
