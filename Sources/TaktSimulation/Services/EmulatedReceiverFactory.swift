public import ServiceLifecycle
import TaktCore
public import TaktDaemon

/// Adds the feed of the emulated serial receiver to a daemon (`takt simulate --emit-receiver`): the daemon's own
/// `SerialGNSSService` then reads the same bytes back through the emulated tty.
public struct EmulatedReceiverFactory: SensorServiceFactory {
    public let stream: SimulatedReceiverStream
    public let dataPath: String
    public let ppsPath: String
    /// EXTINT edges reported as TIM-TM2 in the stream (from an emulated trigger box), if any.
    public let eventInput: SimulatedEventInput?

    public init(
        stream: SimulatedReceiverStream, dataPath: String, ppsPath: String, eventInput: SimulatedEventInput? = nil
    ) {
        self.stream = stream
        self.dataPath = dataPath
        self.ppsPath = ppsPath
        self.eventInput = eventInput
    }

    public func makeServices(context: DaemonContext) -> [any Service] {
        [
            EmulatedReceiverFeed(
                stream: stream, dataPath: dataPath, ppsPath: ppsPath, logger: context.logger, eventInput: eventInput)
        ]
    }
}
