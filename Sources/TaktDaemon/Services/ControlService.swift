import Foundation
import Logging
public import ServiceLifecycle
import TaktCore

/// Serves `takt status` and the control commands on the rig's Unix socket.
public struct ControlService: Service {
    let context: DaemonContext
    let socketPath: String
    let group: String?

    public init(context: DaemonContext, socketPath: String, group: String?) {
        self.context = context
        self.socketPath = socketPath
        self.group = group
    }

    public func run() async throws {
        let ctx = context
        let server = try ControlServer(path: socketPath, group: group) { request, peer in
            Self.answer(request, peer: peer, context: ctx)
        }
        context.logger.info("control socket \(socketPath)")
        try? await gracefulShutdown()
        server.shutdown()
    }

    static func answer(_ request: ControlRequest, peer: ControlServer.Peer, context: DaemonContext) -> ControlResponse {
        switch request.command {
        case .status:
            break
        case .start: context.recorder.send(.start)
        case .stop: context.recorder.send(.stop)
        case .pause: context.recorder.send(.pause)
        case .resume: context.recorder.send(.resume)
        case .mark:
            guard let text = request.text, !text.isEmpty else {
                return ControlResponse(ok: false, error: "a mark needs text")
            }
            context.recorder.send(.mark(text))
        }
        if request.command.isControl {
            context.logger.notice("control: \(request.command.rawValue) from pid \(peer.pid) uid \(peer.uid)")
        }
        return ControlResponse(ok: true, status: snapshot(context))
    }

    static func snapshot(_ context: DaemonContext) -> StatusSnapshot {
        let now = HostClock.monotonic()
        let time = context.timeBase.status(at: now)
        let board = context.board.copy()
        var recording = context.recorder.status
        let policy = StatusPolicy.evaluate(
            recording: recording, time: time, sensors: board.sensors, gnss: board.gnss, disk: board.disk,
            requirePPSLock: context.rig.time?.requirePPSLock ?? true,
            maxHoldoverSeconds: context.rig.time?.maxHoldoverSeconds)
        recording.ok = policy.ok
        recording.reasons = policy.reasons
        var warnings = board.warnings + policy.warnings
        let drops = context.recorder.queueDrops
        if drops > 0 { warnings.append("writer queue overflowed: \(drops) item(s) not recorded (counted in segment losses)") }
        return StatusSnapshot(
            daemon: DaemonInfo(
                version: TaktVersion.string, pid: getpid(), vehicleId: context.rig.vehicleId, rigPath: context.rigPath,
                uptimeSeconds: Double((now - context.startedAt).nanoseconds) / 1e9, simulated: context.simulated),
            recording: recording, time: time, gnss: board.gnss, sensors: board.sensors, trigger: board.trigger,
            disk: board.disk, warnings: warnings)
    }
}
