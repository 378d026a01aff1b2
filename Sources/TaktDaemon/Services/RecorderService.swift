public import ServiceLifecycle
import Logging

/// Keeps the recorder alive for the daemon's lifetime. Started first, so it is shut down last: every other service
/// has stopped producing before the writer closes the open segment and the session.
public struct RecorderService: Service {
    let context: DaemonContext

    public init(context: DaemonContext) { self.context = context }

    public func run() async throws {
        try? await gracefulShutdown()
        context.logger.info("closing the open segment and session")
        context.recorder.shutdown()
    }
}
