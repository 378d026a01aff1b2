import Logging
public import ServiceLifecycle
public import TaktCore
import TaktSerial

/// A GNSS receiver read directly over a serial port (libserialport): every byte recorded raw for PPK, UBX/NMEA
/// decoded for the time base and the timeline, and PPS from the DCD line where the rig says it is wired.
/// Port loss is a recorded gap; the reader reopens with back-off by itself.
public struct SerialGNSSService: Service {
    let sensor: SensorConfig
    let endpoint: SerialEndpoint
    let context: DaemonContext

    public init(sensor: SensorConfig, endpoint: SerialEndpoint, context: DaemonContext) {
        self.sensor = sensor
        self.endpoint = endpoint
        self.context = context
    }

    public func run() async throws {
        let sensor = self.sensor
        let context = self.context
        let reader = SerialReader(path: endpoint.device, configuration: SerialConfiguration(baudRate: endpoint.baud))
        let dcd = endpoint.ppsOnDCD == true ? DCDWatcher(path: endpoint.device, configuration: SerialConfiguration(baudRate: endpoint.baud)) : nil
        context.board.update(sensor: SensorStatus(id: sensor.id, kind: .gnss, health: .starting, detail: endpoint.device))
        reader.start()
        dcd?.start()
        await withTaskCancellationHandler {
            await cancelWhenGracefulShutdown {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var ingest = UBXIngest(sensorId: sensor.id, context: context)
                        var outage: GPSTime?
                        for await event in reader.events {
                            switch event {
                            case .bytes(let bytes, let at):
                                ingest.ingest(bytes, at: at)
                            case .opened(let path, let at):
                                if let start = outage {
                                    context.event("gap-end", source: sensor.id, "\(path) back", at: at, gapStart: start,
                                                  gapEnd: context.timeBase.stamp(at).gps)
                                    outage = nil
                                }
                            case .failed(let error, let at):
                                if outage == nil {
                                    outage = context.timeBase.stamp(at).gps
                                    context.event("gap-start", source: sensor.id, "\(error)", at: at, level: .warning)
                                }
                                context.board.modifySensor(sensor.id) {
                                    $0.health = .disconnected
                                    $0.detail = "\(error)"
                                }
                            }
                        }
                    }
                    if let dcd {
                        group.addTask {
                            var edges: Int64 = 0
                            var missed: Int64 = 0
                            for await event in dcd.events {
                                guard case .edge(let e) = event, e.isAssert else { continue }
                                edges += 1
                                missed += Int64(max(0, e.missedTransitions ?? 0))
                                let actions = context.timeBase.handle(.ppsEdge(PPSEdge(host: e.instant, source: .serialDCD)))
                                let t = context.timeBase.timelineTime(e.instant)
                                let rejected = actions.compactMap { a -> String? in
                                    if case .edgeRejected(_, let r) = a { return r.rawValue } else { return nil }
                                }.first
                                context.publish(
                                    "/time/pps", schema: .ppsEdge, time: t,
                                    PPSEdgeMessage(
                                        time: t, frameId: sensor.id, host: e.instant, labelGPSSecond: nil,
                                        labelSource: "ubx-tim-tp", residualNs: nil, accepted: rejected == nil,
                                        rejectReason: rejected))
                                let (n, m) = (edges, missed)
                                context.board.modifySensor(sensor.id) {
                                    $0.counters["ppsEdges"] = n
                                    $0.counters["ppsMissedTransitions"] = m
                                }
                            }
                        }
                    }
                }
            }
        } onCancel: {
            reader.shutdown()
            dcd?.shutdown()
        }
        reader.shutdown()
        dcd?.shutdown()
    }
}
