public import ServiceLifecycle

/// Builds extra sensor services (the simulator's, later emulators') for a daemon. The daemon itself builds the
/// services for real connections from the rig.
public protocol SensorServiceFactory: Sendable {
    func makeServices(context: DaemonContext) -> [any Service]
}
