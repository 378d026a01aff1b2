import Foundation
import Logging
public import ServiceLifecycle
import TaktCore
public import TaktDaemon

/// The simulated u-blox receiver and its PPS line: at each true GPS second a PPS edge (host-stamped with jitter)
/// goes to the time base, then the receiver's UBX stream for that epoch (NAV-PVT at 5 Hz, RXM-RAWX at 1 Hz,
/// TIM-TP announcing the next pulse) goes through the same `UBXIngest` path a real serial receiver uses.
public struct SimulatedGNSSService: Service {
    let receiverId: String
    let ppsId: String?
    let truth: SimulatedTruth
    let drive: SimulatedDrive
    let context: DaemonContext
    let seed: UInt64
    /// Camera edges on this receiver's EXTINT, reported as TIM-TM2 with the epoch after them.
    let eventInput: SimulatedEventInput?

    public init(
        receiverId: String, ppsId: String?, truth: SimulatedTruth, drive: SimulatedDrive, context: DaemonContext,
        seed: UInt64 = 1, eventInput: SimulatedEventInput? = nil
    ) {
        self.eventInput = eventInput
        self.receiverId = receiverId
        self.ppsId = ppsId
        self.truth = truth
        self.drive = drive
        self.context = context
        self.seed = seed
    }

    public func run() async throws {
        var ingest = UBXIngest(sensorId: receiverId, context: context)
        var rng = SeededGenerator(seed: seed)
        context.board.update(sensor: SensorStatus(id: receiverId, kind: .gnss, health: .starting, detail: "simulated ZED-F9R"))
        if let p = ppsId {
            context.board.update(sensor: SensorStatus(id: p, kind: .pps, health: .starting, detail: "simulated PPS"))
        }
        var ppsRate = SensorRate()
        var edges = 0
        // Start at the next whole GPS second.
        var second = truth.gps(at: HostClock.monotonic()).wholeSeconds + 1
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let edgeGPS = GPSTime(nanosecondsSinceEpoch: second * GPSTime.nanosecondsPerSecond)
            let edgeHost = truth.host(at: edgeGPS)
            try await sleep(until: edgeHost)
            // PPS edge: the host sees it with jitter.
            if let p = ppsId {
                let seen = MonotonicInstant(
                    nanoseconds: edgeHost.nanoseconds + Int64((rng.gaussian() * truth.ppsJitterNanoseconds).rounded()))
                let actions = context.timeBase.handle(.ppsEdge(PPSEdge(host: seen, source: .simulated)))
                edges += 1
                ppsRate.add(bytes: 0, at: seen)
                let t = context.timeBase.timelineTime(seen)
                let rejected = actions.rejection(ofEdgeAt: seen)
                context.publish(
                    "/time/pps", schema: .ppsEdge, time: t,
                    PPSEdgeMessage(
                        time: t, frameId: p, host: seen, labelGPSSecond: second, labelSource: "ubx-tim-tp (previous epoch)",
                        residualNs: nil, accepted: rejected == nil, rejectReason: rejected))
                let r = ppsRate
                let n = edges
                context.board.modifySensor(p) {
                    $0.health = .ok
                    $0.messagesPerSecond = r.messagesPerSecond
                    $0.lastDataAgeSeconds = 0
                    $0.counters["edges"] = Int64(n)
                }
            }
            // The receiver's messages for this second: 5 NAV-PVT epochs, RAWX with the first, TIM-TP for the next
            // pulse.
            let stream = SimulatedReceiverStream(truth: truth, drive: drive)
            for k in 0..<SimulatedReceiverStream.epochsPerSecond {
                let epoch = stream.epochTime(second: second, epoch: k)
                let emit = truth.host(at: epoch + SimulatedReceiverStream.outputLatency)
                try await sleep(until: emit)
                var bytes = stream.bytes(second: second, epoch: k)
                if let input = eventInput { bytes += input.report(through: epoch) }
                ingest.ingest(bytes, at: HostClock.monotonic())
            }
            second += 1
        }
    }

    private func sleep(until host: MonotonicInstant) async throws {
        let now = HostClock.monotonic()
        let dt = host.nanoseconds - now.nanoseconds
        if dt > 0 { try await Task.sleep(for: .nanoseconds(dt)) }
    }
}
