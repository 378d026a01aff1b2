import Logging
import TaktCore

/// The camera path's state for one camera, driven by the `CameraService` loop one input at a time: the trigger
/// planner fed from fixes, the pose history, the exposure reconciler fed with commands, marks and images, and
/// the status numbers. It writes through the context (timeline, images, events, status) and returns the fires the
/// service must schedule on the host clock.
struct CameraPath: Sendable {
    let camera: SensorConfig
    let policy: TriggerPolicy
    let context: DaemonContext
    /// Receiver whose time marks belong to this camera; nil when the rig wires no event input.
    let markReceiver: String?
    /// Receiver whose fixes drive the planner.
    var positionSource: String?
    var planner: TriggerPlanner
    var reconciler: ExposureReconciler
    var poses = PoseInterpolator()
    var spacing = SpacingStatistics()
    var fired = 0
    var imagesReceived = 0
    var imagesMissing = 0
    var anomalies = 0
    /// Fixes of the position source taken in (shows in status that the camera path is fed).
    var fixesUsed = 0
    /// IMU samples of the position source taken in by the planner.
    var imuSamplesUsed = 0
    /// The camera's link, and its battery/storage as last reported (with when).
    var connected = false
    var device: (reading: CameraDeviceReading, at: MonotonicInstant)?
    var imageBytes = 0
    /// TIM-TM2 marks missing for a trigger, and marks no trigger explains.
    var marksLost = 0
    var marksExtra = 0
    var speedTooFast = false
    /// Thresholds from the camera's options `lowBatteryPercent` (20) and `storageWarnMinutes` (30).
    let supplyCheck: CameraSupplyCheck
    /// Battery/storage warnings already recorded as events, so each episode is one event.
    var supplyWarned: Set<String> = []
    /// Exposure records finalised (one per commanded trigger).
    var exposures = 0
    /// Images and bytes per second for the sensor line of `takt status`.
    var rate = SensorRate()
    /// Fires planned but not yet commanded.
    var scheduled: Set<UInt32> = []
    /// Images delivered but not yet written: each goes to the recorder with its exposure record.
    var heldImages: [UInt32: [UInt8]] = [:]
    /// Why the driver said a trigger produced nothing, reported with the miss.
    var failures: [UInt32: String] = [:]

    init(
        camera: SensorConfig, policy: TriggerPolicy, context: DaemonContext, markReceiver: String?,
        plannerConfiguration: TriggerPlanner.Configuration, reconcilerConfiguration: ExposureReconciler.Configuration
    ) {
        self.camera = camera
        self.policy = policy
        self.context = context
        self.markReceiver = markReceiver
        positionSource = camera.options?["positionSource"]
        supplyCheck = CameraSupplyCheck(
            lowBatteryPercent: camera.options?["lowBatteryPercent"].flatMap(Int.init) ?? 20,
            aheadMinutes: camera.options?["storageWarnMinutes"].flatMap(Double.init) ?? 30)
        // The u-blox path delivers IMU samples in one burst per navigation epoch (see `NavigationSignal.imu`).
        var configuration = plannerConfiguration
        configuration.imuArrivesInBursts = true
        planner = TriggerPlanner(policy: policy, configuration: configuration)
        reconciler = ExposureReconciler(configuration: reconcilerConfiguration)
    }

    var source: String { camera.id }

    /// The camera fires only while the recorder records: a trigger whose command and image could not be written
    /// would be neither an image nor a reported miss in any bundle.
    /// Set at shutdown: nothing new is planned while fired triggers drain.
    var draining = false
    /// Whether the planner may plan: the recorder records and the service is not draining for shutdown.
    var isRecording: Bool { !draining && context.recorder.status.state == .recording }

    // MARK: Inputs

    /// A navigation signal; returns fires to schedule.
    mutating func handle(_ signal: NavigationSignal, at host: MonotonicInstant) -> [TriggerFire] {
        switch signal {
        case .fix(let fix, let pose, let receiver):
            // One receiver drives the planner and the pose history: the camera's `positionSource` option, else the
            // first heard (two receivers interleaved would look like a jittering vehicle).
            if positionSource == nil {
                positionSource = receiver
                context.logger.info("\(source): positions from \(receiver)")
            }
            guard receiver == positionSource else { return [] }
            fixesUsed += 1
            poses.append(pose)
            guard isRecording else { return [] }
            return apply(planner.handle(.fix(fix)), at: host)
        case .mark(let mark, let receiver):
            guard receiver == markReceiver else { return [] }
            apply(reconciler.handle(.mark(mark)), at: host)
            return []
        case .imu(let samples, let receiver):
            // Only the position source's own IMU: its samples share the fixes' time base and vehicle.
            guard receiver == positionSource, isRecording else { return [] }
            imuSamplesUsed += samples.count
            return apply(planner.handle(batch: samples.map(TriggerEvent.imu)), at: host)
        }
    }

    /// The periodic tick: interval triggers, stale-position pauses, settled exposures, status.
    mutating func tick(at host: MonotonicInstant) -> [TriggerFire] {
        let now = context.timeBase.stamp(host).gps
        let fires = isRecording ? apply(planner.handle(.tick(now)), at: host) : []
        apply(reconciler.handle(.tick(now)), at: host)
        publishStatus()
        return fires
    }

    /// The driver was told to fire `seq` at `host`.
    mutating func commanded(_ seq: UInt32, at host: MonotonicInstant) {
        scheduled.remove(seq)
        apply(reconciler.handle(.commanded(seq: seq, at: context.timeBase.stamp(host))), at: host)
    }

    mutating func handle(_ event: CameraDriverEvent) {
        switch event {
        case .image(let seq, let bytes, let device, let at):
            let file = CameraImageFile.path(camera: camera.id, seq: seq)
            imagesReceived += 1
            let outputs = reconciler.handle(.image(DeliveredImage(seq: seq, file: file, deviceReported: device)))
            if outputs.contains(where: Self.refusesImage) {
                // Not the trigger's image (unknown or repeated seq): still data, written on its own and reported.
                context.recorder.submit(
                    .wholeFile(file: file + ".extra-\(at.nanoseconds)", bytes: bytes, time: context.timeBase.stamp(at).gps))
            } else {
                // Held until the exposure record is final, so both land in the same segment.
                heldImages[seq] = bytes
            }
            apply(outputs, at: at)
            rate.add(bytes: bytes.count, at: at)
            imageBytes += bytes.count
            let r = rate
            context.board.modifySensor(camera.id) {
                $0.health = .ok
                $0.lastDataAgeSeconds = 0
                $0.messagesPerSecond = r.messagesPerSecond
                $0.bytesPerSecond = r.bytesPerSecond
            }
        case .failed(let seq, let reason, let at):
            failures[seq] = reason
            // A known failure is a miss now, with its reason, not after the image timeout.
            apply(reconciler.handle(.captureFailed(seq: seq, noExposure: false)), at: at)
        case .notExposed(let seq, let reason, let at):
            failures[seq] = reason
            apply(reconciler.handle(.captureFailed(seq: seq, noExposure: true)), at: at)
        case .deviceStatus(let reading, let at):
            // A reading taken before the one shown (delivered out of order) would roll the figures back.
            if let shown = device, shown.at > at { break }
            device = (reading, at)
            recordSupplyWarnings(reading, at: at)
            publishStatus()
        case .linkDown(let reason, let at):
            connected = false
            context.event("gap-start", source: source, reason, at: at, gapStart: context.timeBase.stamp(at).gps, level: .warning)
            context.board.modifySensor(camera.id) {
                $0.health = .disconnected
                $0.detail = reason
            }
        case .linkUp(let detail, let at):
            connected = true
            context.event("camera-connected", source: source, detail, at: at)
            context.board.modifySensor(camera.id) {
                $0.health = .ok
                $0.detail = detail
            }
        }
    }

    /// Triggers fired whose image or miss is still to come.
    var awaitingResults: Bool { reconciler.pendingCount > 0 }

    /// End of the run: every trigger is finalised, those never commanded reported as missed.
    mutating func finish(at host: MonotonicInstant) {
        for seq in scheduled.sorted() {
            imagesMissing += 1
            context.event(
                "image-missing", source: source, "trigger \(seq) planned but not fired before shutdown", at: host,
                attributes: ["seq": "\(seq)"], level: .warning)
        }
        scheduled.removeAll()
        apply(reconciler.handle(.finish), at: host)
        publishStatus()
    }

    // MARK: Planner actions

    private mutating func apply(_ actions: [TriggerAction], at host: MonotonicInstant) -> [TriggerFire] {
        var fires: [TriggerFire] = []
        for action in actions {
            switch action {
            case .fire(let f):
                fired += 1
                if f.cause == .distance { spacing.fired(atDistance: f.distanceMeters) }
                scheduled.insert(f.seq)
                let stamp = context.timeBase.stamp(host)
                let leap = context.timeBase.leapSeconds
                let message = TriggerMessage(
                    fire: f, camera: camera.id, provenance: stamp.provenance, sigmaNanoseconds: stamp.sigmaNanoseconds,
                    leapSeconds: leap)
                let t = TimelineTime(
                    StampedTime(gps: f.time, provenance: stamp.provenance, sigmaNanoseconds: stamp.sigmaNanoseconds),
                    leapSeconds: leap)
                context.publish(TimelineSchema.triggerTopic(camera: camera.id), schema: .trigger, time: t, message)
                if !f.deferred {
                    context.board.warn("\(camera.id).speed", nil)
                    speedTooFast = false
                }
                fires.append(f)
            case .paused(let reason):
                spacing.breakChain()
                context.event("trigger-paused", source: source, "triggering paused: \(reason.rawValue)", at: host)
            case .resumed:
                context.event("trigger-resumed", source: source, "triggering resumed", at: host)
            case .warning(.speedTooFast(let speed, let maximum)):
                let text = "\(camera.id): \(Self.format(speed)) m/s is faster than the \(Self.format(maximum)) m/s the spacing allows"
                context.board.warn("\(camera.id).speed", text)
                speedTooFast = true
                context.event("speed-too-fast", source: source, text, at: host, level: .warning)
            case .warning(.eventOutOfOrder(let t)):
                context.logger.debug("\(source): out-of-order position at \(t.nanosecondsSinceEpoch) ignored")
            }
        }
        return fires
    }

    // MARK: Reconciler outputs

    private mutating func apply(_ outputs: [ExposureOutput], at host: MonotonicInstant) {
        for output in outputs {
            switch output {
            case .record(let r):
                exposures += 1
                let leap = context.timeBase.leapSeconds
                let pose = poses.pose(at: r.exposureTime.gps)
                let message = ExposureMessage(record: r, camera: camera, pose: pose, leapSeconds: leap)
                let time = TimelineTime(r.exposureTime, leapSeconds: leap)
                let topic = TimelineSchema.exposureTopic(camera: camera.id)
                guard let json = try? TimelineJSON.encode(message) else {
                    context.logger.error("\(source): cannot encode the exposure of trigger \(r.seq)")
                    continue
                }
                var items: [RecordItem] = []
                if let file = r.imageFile, let bytes = heldImages.removeValue(forKey: r.seq) {
                    items.append(.wholeFile(file: file, bytes: bytes, time: r.exposureTime.gps))
                }
                items.append(.timeline(topic: topic, schema: .exposure, time: time, json: json))
                context.recorder.submit(.group(items))
            case .anomaly(.imageMissing(let seq)):
                imagesMissing += 1
                let why = failures.removeValue(forKey: seq) ?? "no image from the camera"
                context.event(
                    "image-missing", source: source, "trigger \(seq): \(why)", at: host, attributes: ["seq": "\(seq)"],
                    level: .warning)
                context.board.warn("\(camera.id).images", "\(camera.id): \(imagesMissing) image(s) missing")
            case .anomaly(let a):
                anomalies += 1
                switch a {
                case .markLost, .markMissing, .noEdge: marksLost += 1
                case .unexpectedMark, .duplicateMark, .conflictingMark, .ambiguousMark: marksExtra += 1
                default: break
                }
                context.event("exposure-anomaly", source: source, "\(a)", at: host, level: .warning)
            }
        }
    }

    // MARK: Status

    func publishStatus() {
        let marks = markReceiver != nil
        context.board.update(
            trigger: TriggerStatus(
                fired: fired, imagesReceived: imagesReceived, imagesMissing: imagesMissing,
                spacingAskedMeters: policy.spacingMeters, spacingMeanMeters: spacing.mean,
                spacingP95Meters: spacing.p95, marksLost: marks ? marksLost : nil,
                marksExtra: marks ? marksExtra : nil, speedTooFast: speedTooFast,
                camera: deviceStatus(at: HostClock.monotonic())))
        let (f, r, m, a, e, x) = (fired, imagesReceived, imagesMissing, anomalies, exposures, fixesUsed)
        let imu = imuSamplesUsed
        context.board.modifySensor(camera.id) {
            $0.counters["fixes"] = Int64(x)
            $0.counters["imuSamples"] = Int64(imu)
            $0.counters["exposures"] = Int64(e)
            $0.counters["fired"] = Int64(f)
            $0.counters["images"] = Int64(r)
            $0.counters["imagesMissing"] = Int64(m)
            $0.counters["exposureAnomalies"] = Int64(a)
        }
    }

    /// A battery or storage warning that starts is recorded as a `camera-supply` event (once per episode), so the
    /// bundle says when the camera ran low, not only the live status.
    private mutating func recordSupplyWarnings(_ r: CameraDeviceReading, at host: MonotonicInstant) {
        let mean = imagesReceived > 0 ? Double(imageBytes) / Double(imagesReceived) : nil
        let now = supplyCheck.warnings(
            camera: camera.id, r, imagesPerMinute: rate.messagesPerSecond * 60, meanImageBytes: mean)
        let kinds = Set(now.map { $0.contains("battery") ? "battery" : "storage" })
        for text in now {
            let kind = text.contains("battery") ? "battery" : "storage"
            guard !supplyWarned.contains(kind) else { continue }
            context.event("camera-supply", source: source, text, at: host, attributes: ["kind": kind], level: .warning)
        }
        supplyWarned = kinds
    }

    /// The camera's line in status, and the battery/storage warnings (set or cleared) on the board.
    func deviceStatus(at now: MonotonicInstant) -> CameraDeviceStatus {
        var status = CameraDeviceStatus(id: camera.id, connected: connected)
        guard let (r, at) = device else { return status }
        let age = max(0, Double((now - at).nanoseconds) / 1e9)
        let perMinute = rate.messagesPerSecond * 60
        let mean = imagesReceived > 0 ? Double(imageBytes) / Double(imagesReceived) : nil
        status.batteryPercent = r.batteryPercent
        status.batteryAgeSeconds = r.batteryPercent == nil ? nil : age
        status.storageFreeBytes = r.freeBytes.map { Int64(clamping: $0) }
        status.storageCapacityBytes = r.capacityBytes.map { Int64(clamping: $0) }
        status.storageFreeImages = r.freeImages
        status.storageAgeSeconds = r.freeBytes == nil && r.freeImages == nil ? nil : age
        status.storageMinutesLeft = supplyCheck.minutesLeft(r, imagesPerMinute: perMinute, meanImageBytes: mean)
        let warnings = supplyCheck.warnings(camera: camera.id, r, imagesPerMinute: perMinute, meanImageBytes: mean)
        context.board.warn("\(camera.id).battery", warnings.first { $0.contains("battery") })
        context.board.warn("\(camera.id).storage", warnings.first { $0.contains("storage") })
        return status
    }

    static func refusesImage(_ output: ExposureOutput) -> Bool {
        switch output {
        case .anomaly(.imageWithoutTrigger), .anomaly(.duplicateImage): true
        default: false
        }
    }

    static func format(_ x: Double) -> String { String(Double(Int((x * 10).rounded())) / 10) }
}
