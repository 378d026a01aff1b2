import Foundation
import Logging
public import ServiceLifecycle
import Synchronization
public import TaktCore
public import TaktDaemon

/// The simulated rig's LiDAR: replays a real capture (rig option `replayCapture`) over loopback UDP to the rig's
/// own ports, in a loop at the sensor's frame rate, each packet sent at the host instant the simulator's truth
/// says its GPS time falls, with column times in the sensor's timestamp mode. The daemon's real `LiDARService`
/// receives it like a sensor on the wire.
public struct SimulatedLiDARService: Service {
    let sensor: SensorConfig
    let plan: LiDARLoopPlan
    let portMap: [UInt16: UInt16]
    let truth: SimulatedTruth
    let context: DaemonContext

    public init(sensor: SensorConfig, plan: LiDARLoopPlan, truth: SimulatedTruth, context: DaemonContext) {
        self.sensor = sensor
        self.plan = plan
        self.truth = truth
        self.context = context
        let ports = sensor.connection.udp?.ports.map { UInt16(clamping: $0) } ?? []
        var map: [UInt16: UInt16] = [:]
        if let data = ports.first { map[plan.lidarPort] = data }
        if ports.count > 1, plan.imuPort != 0 { map[plan.imuPort] = ports[1] }
        portMap = map
    }

    public func run() async throws {
        let (plan, truth, portMap) = (self.plan, self.truth, self.portMap)
        let destination = IPv4Endpoint(dottedQuad: sensor.connection.udp?.bindAddress ?? "127.0.0.1", port: 0)
        let address = destination.map { $0.address == 0 ? IPv4Endpoint.loopback : $0.address } ?? IPv4Endpoint.loopback
        try await SimulatedSenderThread.run(name: "takt-sim-lidar") { stop in
            let socket = try UDPSender(destination: address)
            let origin = truth.gps(at: HostClock.monotonic()) + .milliseconds(100)
            var loop = 0
            while !stop.load(ordering: .relaxed) {
                let loopStart = origin + plan.period * loop
                let first = plan.sensorTime(gps: loopStart, origin: truth.gpsOrigin, leapSeconds: truth.leapSeconds)
                for packet in plan.payloads(loop: loop, firstColumnSensorTime: first) {
                    if stop.load(ordering: .relaxed) { return }
                    UDPSender.sleep(until: truth.host(at: loopStart + packet.offset).nanoseconds)
                    try socket.send(packet.payload, to: portMap[packet.port] ?? packet.port)
                }
                loop += 1
            }
        }
    }
}
