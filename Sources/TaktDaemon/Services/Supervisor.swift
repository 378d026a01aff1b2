import Logging
public import ServiceLifecycle
import TaktCore

/// Runs a sensor loop forever: when it throws, the failure is recorded as an event with the gap it opens, and the
/// loop is restarted after an exponential back-off. A failing sensor never takes the daemon down.
public struct Supervisor: Sendable {
    public var name: String
    public var initialBackoff: Duration = .milliseconds(250)
    public var maximumBackoff: Duration = .seconds(10)

    public init(name: String) { self.name = name }

    public func run(
        context: DaemonContext, clock: some Clock<Duration> = ContinuousClock(),
        _ body: @Sendable () async throws -> Void
    ) async {
        var backoff = initialBackoff
        var restarts = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let started = HostClock.monotonic()
            do {
                try await body()
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                throw SupervisorError.endedUnexpectedly
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                restarts += 1
                let now = HostClock.monotonic()
                context.board.modifySensor(name) {
                    $0.health = .restarting
                    $0.restarts = restarts
                    $0.detail = "\(error)"
                }
                context.event(
                    "service-restart", source: name, "failed (\(error)); restarting in \(backoff)", at: now,
                    gapStart: context.timeBase.stamp(now).gps, level: .warning)
                // A run that lasted a while resets the back-off.
                if now - started > .seconds(30) { backoff = initialBackoff }
                let wait = backoff
                do { try await cancelWhenGracefulShutdown { try await clock.sleep(for: wait) } } catch { return }
                backoff = min(backoff * 2, maximumBackoff)
            }
        }
    }
}

enum SupervisorError: Error, CustomStringConvertible {
    case endedUnexpectedly
    var description: String { "the service loop ended without an error" }
}

/// A sensor service under a `Supervisor`: its failures become recorded restarts, never a daemon exit.
public struct SupervisedService: Service {
    let name: String
    let inner: any Service
    let context: DaemonContext

    public init(name: String, _ inner: any Service, context: DaemonContext) {
        self.name = name
        self.inner = inner
        self.context = context
    }

    public func run() async throws {
        let inner = self.inner
        await Supervisor(name: name).run(context: context) { try await inner.run() }
    }
}
