import Synchronization
public import TaktCore

/// The latest state of every service, for `takt status`. Services write their own entry; the control socket reads
/// a consistent copy. Mutex-protected rather than an actor so a status request never waits on the async pool.
public final class StatusBoard: Sendable {
    private struct State {
        var sensors: [String: SensorStatus] = [:]
        var gnss: [String: GNSSStatus] = [:]
        var disk: DiskStatus?
        var trigger: TriggerStatus?
        var warnings: [String: String] = [:]
        var order: [String] = []
    }
    private let state = Mutex(State())

    public init() {}

    public func update(sensor: SensorStatus) {
        state.withLock {
            if $0.sensors[sensor.id] == nil && !$0.order.contains(sensor.id) { $0.order.append(sensor.id) }
            $0.sensors[sensor.id] = sensor
        }
    }

    public func modifySensor(_ id: String, _ body: (inout SensorStatus) -> Void) {
        state.withLock {
            guard var s = $0.sensors[id] else { return }
            body(&s)
            $0.sensors[id] = s
        }
    }

    public func update(gnss: GNSSStatus) { state.withLock { $0.gnss[gnss.id] = gnss } }

    public func modifyGNSS(_ id: String, _ body: (inout GNSSStatus) -> Void) {
        state.withLock {
            var g = $0.gnss[id] ?? GNSSStatus(id: id, connected: false)
            body(&g)
            $0.gnss[id] = g
        }
    }

    public func update(disk: DiskStatus) { state.withLock { $0.disk = disk } }
    public func update(trigger: TriggerStatus?) { state.withLock { $0.trigger = trigger } }

    /// Sets or clears (nil) a warning under a key, so a condition is reported once and cleared when it ends.
    public func warn(_ key: String, _ text: String?) { state.withLock { $0.warnings[key] = text } }

    public struct Copy: Sendable {
        public var sensors: [SensorStatus]
        public var gnss: [GNSSStatus]
        public var disk: DiskStatus?
        public var trigger: TriggerStatus?
        public var warnings: [String]
    }

    public func copy() -> Copy {
        state.withLock { s in
            Copy(
                sensors: s.order.compactMap { s.sensors[$0] }, gnss: s.gnss.keys.sorted().compactMap { s.gnss[$0] },
                disk: s.disk, trigger: s.trigger, warnings: s.warnings.keys.sorted().compactMap { s.warnings[$0] })
        }
    }
}
