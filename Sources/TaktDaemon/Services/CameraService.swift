import Logging
public import ServiceLifecycle
public import TaktCore

/// The 360° camera path for the rig's trigger policy: fixes (from the `FixBus`) drive the trigger planner; each
/// planned fire (the instant the shutter should open) is converted, less the camera's latency, from GPS to a host
/// deadline through the time base and handed to the camera driver at that instant; commands, the receiver's time marks and delivered images go to the exposure reconciler, whose
/// records become `takt.Exposure` with the pose at the exposure. Every trigger ends as an image or a reported miss.
///
/// One loop owns all state; fixes, driver events, ticks and commands reach it through one stream.
public struct CameraService: Service {
    public struct Configuration: Sendable {
        /// How often interval triggers, stale positions and settled exposures are looked at.
        public var tick: Duration = .milliseconds(100)
        /// Fix-to-planner latency the planner must look past (NAV-PVT arrives tens of ms after its epoch).
        public var latencyAllowance: Duration = .milliseconds(50)
        /// How long to wait for an image before the trigger is reported missing.
        public var imageTimeout: Duration = .seconds(10)
        /// At shutdown, how long to keep collecting images and marks for triggers already fired (no new ones go
        /// out), so stopping a run does not cost its last image.
        public var shutdownDrain: Duration = .seconds(3)
        public init() {}
    }

    enum Input: Sendable {
        case navigation(NavigationSignal)
        case driver(CameraDriverEvent)
        case commanded(UInt32, at: MonotonicInstant)
        case tick
        /// Graceful shutdown began: fire nothing more, drain what is outstanding.
        case shutdown
    }

    let camera: SensorConfig
    let policy: TriggerPolicy
    let driver: any CameraDriver
    let context: DaemonContext
    let configuration: Configuration

    public init(
        camera: SensorConfig, policy: TriggerPolicy, driver: any CameraDriver, context: DaemonContext,
        configuration: Configuration = Configuration()
    ) {
        self.camera = camera
        self.policy = policy
        self.driver = driver
        self.context = context
        self.configuration = configuration
    }

    /// How far a mark may lie from command + latency. Before PPS lock the command stamps come from GNSS message times
    /// and are tens of ms off (common to all commands), so the window is as wide as the camera's minimum interval
    /// allows while still letting each mark fit one trigger only: 0.4 × the minimum interval, between 50 and 150 ms.
    static func markWindow(_ policy: TriggerPolicy) -> Duration {
        let seconds = 0.4 * (policy.minimumIntervalSeconds ?? 0)
        return .nanoseconds(Int64(min(max(seconds, 0.05), 0.15) * 1e9))
    }

    /// The receiver whose TIM-TM2 marks time this camera: the camera's `eventInput` option.
    public var markReceiver: String? { camera.options?["eventInput"] }

    public func run() async throws {
        let context = self.context
        let driver = self.driver
        let tick = configuration.tick
        // The planner's fire time is when the vehicle crosses the target, i.e. when the shutter should open: the
        // command leads it by the camera's calibrated latency, so the planner must also commit that much earlier.
        let lead = Duration.nanoseconds(max(0, camera.latencyNanoseconds ?? 0))
        var plannerConfiguration = TriggerPlanner.Configuration()
        plannerConfiguration.latencyAllowance = configuration.latencyAllowance + lead
        let reconcilerConfiguration = ExposureReconciler.Configuration(
            commandLatency: lead, markWindow: Self.markWindow(policy), marksExpected: markReceiver != nil,
            imageTimeout: configuration.imageTimeout,
            acquisitionWindow: policy.minimumIntervalSeconds.map { .nanoseconds(Int64(0.45 * $0 * 1e9)) })
        let initial = CameraPath(
            camera: camera, policy: policy, context: context, markReceiver: markReceiver,
            plannerConfiguration: plannerConfiguration, reconcilerConfiguration: reconcilerConfiguration)
        context.board.update(sensor: SensorStatus(id: camera.id, kind: .camera, health: .starting, detail: driver.detail))
        initial.publishStatus()

        let (inputs, feed) = AsyncStream<Input>.makeStream()
        let navigation = context.navigation.subscribe()
        driver.start()
        let drain = configuration.shutdownDrain
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withTaskGroup(of: Void.self) { group in
                    var path = initial
                    var drainUntil: MonotonicInstant?
                    group.addTask {
                        for await s in navigation { feed.yield(.navigation(s)) }
                    }
                    group.addTask {
                        for await e in driver.events { feed.yield(.driver(e)) }
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            do { try await Task.sleep(for: tick) } catch { return }
                            feed.yield(.tick)
                        }
                    }
                    for await input in inputs {
                        let fires: [TriggerFire]
                        let now = HostClock.monotonic()
                        switch input {
                        case .navigation(let s): fires = path.handle(s, at: now)
                        case .driver(let e):
                            path.handle(e)
                            fires = []
                        case .commanded(let seq, let at):
                            path.commanded(seq, at: at)
                            fires = []
                        case .tick: fires = path.tick(at: now)
                        case .shutdown:
                            drainUntil = drainUntil ?? now + drain
                            path.draining = true
                            fires = []
                        }
                        if let until = drainUntil {
                            // Planned fires are not sent (`finish` reports them); stop once every fired trigger has
                            // its image or miss, or the drain time is up.
                            if !path.awaitingResults || now >= until { break }
                            continue
                        }
                        for f in fires {
                            let deadline = context.timeBase.hostInstant(for: f.time - lead, near: now)
                            group.addTask {
                                let wait = deadline - HostClock.monotonic()
                                if wait > .zero {
                                    do { try await Task.sleep(for: wait) } catch { return }
                                }
                                guard !Task.isCancelled else { return }
                                // Reconciler first, so a fast driver's image or mark can never overtake its command.
                                feed.yield(.commanded(f.seq, at: HostClock.monotonic()))
                                driver.trigger(seq: f.seq)
                            }
                        }
                    }
                    // Shutdown: no fire may go out after this (it would have no record), then everything still pending
                    // is finalised while the recorder is still open.
                    group.cancelAll()
                    path.finish(at: HostClock.monotonic())
                }
            } onGracefulShutdown: {
                feed.yield(.shutdown)
            }
        } onCancel: {
            driver.shutdown()
        }
        driver.shutdown()
    }
}
