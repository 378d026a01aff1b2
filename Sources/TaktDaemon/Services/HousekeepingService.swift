import Foundation
import Logging
public import ServiceLifecycle
import TaktCore
import TaktStore

/// Once a second: ticks the time base, records clock state and per-sensor stats on the timeline, runs the disk
/// guard, starts recording when the time base is usable, and pets the systemd watchdog.
public struct HousekeepingService: Service {
    let context: DaemonContext
    let autoStart: Bool
    let outputDirectory: String
    let notifier: SystemdNotifier

    public init(context: DaemonContext, autoStart: Bool, outputDirectory: String, notifier: SystemdNotifier) {
        self.context = context
        self.autoStart = autoStart
        self.outputDirectory = outputDirectory
        self.notifier = notifier
    }

    public func run() async throws {
        let out = context.rig.output
        var guardState = DiskGuard(
            reserveBytes: out.effectiveDiskReserveBytes, warnSeconds: Double(out.effectiveDiskWarnSeconds))
        var started = !autoStart
        var lastWall: MonotonicInstant?
        var stoppedForDisk = false
        notifier.notify("READY=1\nSTATUS=recording daemon up")
        let ticks = AsyncTimerSequence(interval: .seconds(1))
        for await _ in ticks.cancelOnGracefulShutdown() {
            let now = HostClock.monotonic()
            let tb = context.timeBase
            if lastWall == nil || now - (lastWall ?? now) >= .seconds(60) {
                tb.handle(.wallClock(HostWallClockReading(at: now, unixUTCNanoseconds: HostClock.realtimeNanoseconds())))
                lastWall = now
            }
            tb.handle(.tick(now))
            let t = tb.timelineTime(now)
            let timeStatus = tb.status(at: now)
            context.publish("/time/clock", schema: .clock, time: t, ClockMessage(time: t, status: timeStatus))

            for sensor in context.board.copy().sensors {
                context.publish(
                    "/sensors/\(sensor.id)/stats", schema: .sensorStats, time: t, SensorStatsMessage(time: t, status: sensor))
            }

            if let space = try? DiskSpace.available(path: outputDirectory) {
                let action = guardState.handle(
                    .init(at: now, availableBytes: space.availableBytes, totalBytes: space.totalBytes,
                          bytesWritten: context.recorder.bytesWritten))
                context.board.update(
                    disk: DiskStatus(
                        path: outputDirectory, availableBytes: space.availableBytes, totalBytes: space.totalBytes,
                        reserveBytes: out.effectiveDiskReserveBytes, writeBytesPerSecond: guardState.rateBytesPerSecond,
                        etaSeconds: guardState.etaSeconds, level: guardState.level))
                switch action {
                case .none:
                    context.board.warn("disk", nil)
                case .warn(let eta):
                    let text = "disk \(outputDirectory) reaches its reserve in \(Int(eta ?? 0)) s at the current write rate"
                    context.board.warn("disk", text)
                case .stop(let avail):
                    let state = context.recorder.status.state
                    if !stoppedForDisk && (state == .recording || state == .paused) {
                        stoppedForDisk = true
                        context.board.warn("disk", "recording stopped: only \(avail) bytes free on \(outputDirectory) (reserve \(out.effectiveDiskReserveBytes))")
                        context.recorder.send(.diskLow(availableBytes: avail))
                    }
                }
            }

            if !started {
                // Name the session on the best time available: wait (up to 10 s) for more than a host-only clock.
                let usable = timeStatus.provenance != .hostOnly
                if usable || now - context.startedAt >= .seconds(10) {
                    context.recorder.send(.start)
                    started = true
                }
            }
            notifier.notify("WATCHDOG=1")
        }
    }
}
