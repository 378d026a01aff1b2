import Foundation
public import Logging
public import TaktCore

/// What every service shares: the rig, the time base, the recorder, the status board and the logger.
public final class DaemonContext: Sendable {
    public let rig: RigConfig
    public let rigPath: String
    public let timeBase: TimeBase
    public let recorder: Recorder
    public let board: StatusBoard
    public let logger: Logger
    public let simulated: Bool
    public let startedAt: MonotonicInstant
    /// Fixes and time marks for in-process consumers (the camera path), decoupled from the GNSS services.
    public let navigation = FixBus()

    public init(
        rig: RigConfig, rigPath: String, timeBase: TimeBase, recorder: Recorder, board: StatusBoard, logger: Logger,
        simulated: Bool, startedAt: MonotonicInstant
    ) {
        self.rig = rig
        self.rigPath = rigPath
        self.timeBase = timeBase
        self.recorder = recorder
        self.board = board
        self.logger = logger
        self.simulated = simulated
        self.startedAt = startedAt
    }

    /// Encodes a message off the writer thread and queues it on the timeline.
    public func publish<M: Encodable>(_ topic: String, schema: TimelineSchema, time: TimelineTime, _ message: M) {
        guard let json = try? TimelineJSON.encode(message) else {
            logger.error("cannot encode message for \(topic)")
            return
        }
        recorder.submit(.timeline(topic: topic, schema: schema, time: time, json: json))
    }

    /// Records an event on `/events` and in the log.
    public func event(
        _ kind: String, source: String, _ message: String, at host: MonotonicInstant, gapStart: GPSTime? = nil,
        gapEnd: GPSTime? = nil, attributes: [String: String] = [:], level: Logger.Level = .notice
    ) {
        logger.log(level: level, "\(source): \(message)")
        let t = timeBase.timelineTime(host)
        publish(
            "/events", schema: .event, time: t,
            EventMessage(
                time: t, kind: kind, source: source, message: message, gapStart: gapStart, gapEnd: gapEnd,
                attributes: attributes))
    }
}
