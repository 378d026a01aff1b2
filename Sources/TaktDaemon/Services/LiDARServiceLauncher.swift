public import ServiceLifecycle
public import TaktCore

/// Builds a `LiDARService` from the rig entry when it runs, so a configuration error (bad metadata, unknown
/// timestamp mode) surfaces as a supervised failure with its message on the status board and `/events`.
public struct LiDARServiceLauncher: Service {
    let sensor: SensorConfig
    let endpoint: UDPEndpoint
    let metadata: [UInt8]?
    let context: DaemonContext

    public init(sensor: SensorConfig, endpoint: UDPEndpoint, metadata: [UInt8]?, context: DaemonContext) {
        self.sensor = sensor
        self.endpoint = endpoint
        self.metadata = metadata
        self.context = context
    }

    public func run() async throws {
        // Keep the supervisor's restart count across restarts.
        let restarts = context.board.copy().sensors.first { $0.id == sensor.id }?.restarts ?? 0
        context.board.update(sensor: SensorStatus(id: sensor.id, kind: .lidar, health: .starting, restarts: restarts))
        let setup = try LiDARSensorSetup(sensor: sensor, endpoint: endpoint, metadata: metadata)
        try await LiDARService(setup: setup, context: context).run()
    }
}
