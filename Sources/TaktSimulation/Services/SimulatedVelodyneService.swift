import Foundation
import Logging
public import ServiceLifecycle
import Synchronization
public import TaktCore
public import TaktDaemon

/// The simulated rig's generated Velodyne (rig option `simulatedProduct`): data packets of the product's real
/// layout and rate go over loopback UDP to the rig's data port, each sent at the host instant the simulator's truth
/// says its GPS time falls, stamped with that instant's UTC µs past the hour; position packets (PPS locked,
/// `$GPRMC`) go to the position port. The daemon's `LiDARService` receives them like a sensor on the wire.
public struct SimulatedVelodyneService: Service {
    let sensor: SensorConfig
    let plan: VelodyneSimulationPlan
    let truth: SimulatedTruth
    let context: DaemonContext

    public init(sensor: SensorConfig, plan: VelodyneSimulationPlan, truth: SimulatedTruth, context: DaemonContext) {
        self.sensor = sensor
        self.plan = plan
        self.truth = truth
        self.context = context
    }

    public func run() async throws {
        let ports = sensor.connection.udp?.ports.map { UInt16(clamping: $0) } ?? []
        guard ports.count >= 2 else { throw LiDARReplayError.capture("\(sensor.id) needs data and position ports") }
        let (plan, truth, logger, id) = (self.plan, self.truth, context.logger, sensor.id)
        let destination = IPv4Endpoint(dottedQuad: sensor.connection.udp?.bindAddress ?? "127.0.0.1", port: 0)
        let address = destination.map { $0.address == 0 ? IPv4Endpoint.loopback : $0.address } ?? IPv4Endpoint.loopback
        try await SimulatedSenderThread.run(name: "takt-sim-velodyne") { stop in
            let socket = try UDPSender(destination: address)
            // Whole µs, so packet i's timestamp is exactly the µs past the hour of its GPS time.
            let now = truth.gps(at: HostClock.monotonic()) + .milliseconds(100)
            let origin = GPSTime(nanosecondsSinceEpoch: now.nanosecondsSinceEpoch / 1000 * 1000)
            let start = VelodyneSimulationPlan.microsecondsPastHour(origin, leapSeconds: truth.leapSeconds)
            let period = plan.model.packetPeriodNanoseconds
            var nextPosition = origin
            var index: Int64 = 0
            var dropped = 0
            while !stop.load(ordering: .relaxed) {
                let gps = origin + .nanoseconds(index * period)
                UDPSender.sleep(until: truth.host(at: gps).nanoseconds)
                if gps >= nextPosition {
                    let position = VelodyneSimulationPlan.positionPacket(gps: gps, leapSeconds: truth.leapSeconds)
                    try socket.send(position, to: ports[1])
                    nextPosition = nextPosition + plan.positionPeriod
                }
                if plan.drops(index) {
                    dropped += 1
                } else {
                    try socket.send(plan.model.packet(index: index, startMicrosecondsPastHour: start), to: ports[0])
                }
                index += 1
            }
            logger.info(
                "\(id): simulated \(plan.model.product): \(index) data packets, \(dropped) dropped on purpose")
        }
    }
}
