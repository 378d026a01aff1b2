public import ServiceLifecycle
import TaktCore
public import TaktDaemon

/// Adds the feed of the emulated serial receiver to a daemon (`takt simulate --emit-receiver`): the daemon's own
/// `SerialGNSSService` then reads the same bytes back through the emulated tty.
public struct EmulatedReceiverFactory: SensorServiceFactory {
    public let stream: SimulatedReceiverStream
    public let dataPath: String
    public let ppsPath: String

    public init(stream: SimulatedReceiverStream, dataPath: String, ppsPath: String) {
        self.stream = stream
        self.dataPath = dataPath
        self.ppsPath = ppsPath
    }

    public func makeServices(context: DaemonContext) -> [any Service] {
        [EmulatedReceiverFeed(stream: stream, dataPath: dataPath, ppsPath: ppsPath, logger: context.logger)]
    }
}
