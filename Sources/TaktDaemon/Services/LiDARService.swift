import Logging
public import ServiceLifecycle
import Synchronization
import TaktCore

/// One LiDAR on UDP: `UDPReceiver` + `LiDARIngest` on their own threads; every datagram goes to the segment's pcap
/// (kernel receive time as the record time), every closed frame to `/lidar/<id>/frames` with its host-path GPS time
/// and the sensor's own time mapped per its timestamp mode; status and silences go to the board and `/events`.
public struct LiDARService: Service {
    let setup: LiDARSensorSetup
    let context: DaemonContext
    let statusInterval: Duration

    public init(setup: LiDARSensorSetup, context: DaemonContext, statusInterval: Duration = .milliseconds(200)) {
        self.setup = setup
        self.context = context
        self.statusInterval = statusInterval
    }

    public func run() async throws {
        let setup = self.setup
        let context = self.context
        let id = setup.sensor.id
        let receiver = try UDPReceiver(configuration: .init(endpoint: setup.endpoint))
        context.board.update(
            sensor: SensorStatus(id: id, kind: .lidar, health: .starting, detail: "waiting for packets"))
        let state = Mutex(LiDARPacketPath(setup: setup))
        let ingest = LiDARIngest(
            receiver: receiver, classifier: setup.classifier,
            frameSink: { frames in
                for message in state.withLock({ $0.close(frames, leapSeconds: context.timeBase.leapSeconds) }) {
                    context.publish("/lidar/\(id)/frames", schema: .lidarFrame, time: message.time, message.body)
                }
            },
            sink: { datagram, event, frame in
                let item = state.withLock {
                    $0.record(datagram, event: event, frame: frame, timeBase: context.timeBase)
                }
                context.recorder.submit(item)
            })
        ingest.start()
        defer { ingest.stop() }
        var monitor = LiDARStatusMonitor(sensorId: id)
        var reportedMalformed: Int64 = 0
        let ticks = AsyncTimerSequence(interval: statusInterval)
        for await _ in ticks.cancelOnGracefulShutdown() {
            let snapshot = ingest.snapshot
            let verdicts = state.withLock { $0.verdicts }
            for change in monitor.update(snapshot) {
                switch change {
                case .wentSilent(let last):
                    context.event(
                        "gap-start", source: id, "no packets since \(last)", at: last, level: .warning)
                case .resumed(let silence):
                    context.event(
                        "gap-end", source: id,
                        "packets back after \(silence.duration) (\(silence.packetsSkipped) skipped)",
                        at: silence.resumedAt, gapStart: context.timeBase.stamp(silence.lastPacketAt).gps,
                        gapEnd: context.timeBase.stamp(silence.resumedAt).gps)
                }
            }
            // Bad datagrams (truncated, oversized, wrong port, garbage) are counted by the tracker and logged here,
            // at most once per status tick, with the last one's reason; they are still recorded in the pcap.
            if snapshot.counters.malformed > reportedMalformed {
                let new = snapshot.counters.malformed - reportedMalformed
                let total = snapshot.counters.malformed
                context.logger.warning(
                    "\(id): \(new) malformed datagram(s) (\(total) in total); last: \(snapshot.lastMalformed ?? "?")")
                reportedMalformed = snapshot.counters.malformed
            }
            context.board.modifySensor(id) { monitor.apply(snapshot, verdicts: verdicts, to: &$0) }
        }
        // The final counters (queue drained, open holes confirmed, last frames closed) stay on the board.
        ingest.stop()
        let final = ingest.snapshot
        let verdicts = state.withLock { $0.verdicts }
        context.board.modifySensor(id) { monitor.apply(final, verdicts: verdicts, to: &$0) }
    }
}
