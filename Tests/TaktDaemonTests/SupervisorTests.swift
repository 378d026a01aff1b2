import Foundation
import Logging
import ServiceLifecycle
import TaktCore
import Testing
@testable import TaktDaemon

/// A sensor loop that fails `failures` times, then runs until shutdown.
struct FlakyService: Service {
    let attempts: Locked<Int>
    let failures: Int
    struct Boom: Error, CustomStringConvertible { var description: String { "device vanished: /dev/ttyUSB9" } }
    func run() async throws {
        var n = 0
        attempts.mutate { $0 += 1; n = $0 }
        if n <= failures { throw Boom() }
        try? await gracefulShutdown()
    }
}

@Suite struct SupervisorTests {
    @Test func failingSensorIsRestartedWithBackoffAndTheGapRecorded() async throws {
        let dir = try TestEnvironment.temporaryDirectory("supervisor")
        defer { try? FileManager.default.removeItem(at: dir) }
        let clock = ManualTimeSource(gps: GPSTime(unixUTCNanoseconds: 1_780_301_700_000_000_000, leapSeconds: 18))
        let recorder = Recorder(
            configuration: .init(vehicleId: "S1", outputDirectory: dir.path, rigFileBytes: [], syncInterval: .milliseconds(50)),
            now: { clock.now() })
        let context = DaemonContext(
            rig: RigConfig(vehicleId: "S1", sensors: [], output: OutputPolicy(directory: dir.path)), rigPath: "t",
            timeBase: TimeBase(configuration: .init(), source: "t"), recorder: recorder, board: StatusBoard(),
            logger: Logger(label: "t"), simulated: true, startedAt: MonotonicInstant(nanoseconds: 0))
        context.board.update(sensor: SensorStatus(id: "flaky", kind: .gnss, health: .starting))
        recorder.send(.start)
        let attempts = Locked(0)
        var supervisor = Supervisor(name: "flaky")
        supervisor.initialBackoff = .milliseconds(10)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: SupervisedFlaky(supervisor: supervisor, inner: FlakyService(attempts: attempts, failures: 3), context: context))],
                logger: Logger(label: "t")))
        try await withThrowingTaskGroup(of: Void.self) { tg in
            tg.addTask { try await group.run() }
            for _ in 0..<200 where attempts.value < 4 { try await Task.sleep(for: .milliseconds(10)) }
            await group.triggerGracefulShutdown()
            try await tg.waitForAll()
        }
        #expect(attempts.value == 4, "three failures, then a run that lasts")
        let sensor = context.board.copy().sensors.first { $0.id == "flaky" }
        #expect(sensor?.restarts == 3)
        #expect(sensor?.detail == "device vanished: /dev/ttyUSB9")
        recorder.shutdown()
        // The restarts are on the timeline as events with the gap start.
        let session = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix("_S1") })
        let py = try TestEnvironment.run("python3", ["-c", """
            import sys, json, glob
            from mcap.reader import make_reader
            n = 0
            for f in glob.glob(sys.argv[1] + '/segments/*/data/timeline.mcap'):
                with open(f, 'rb') as fh:
                    for s, ch, m in make_reader(fh, validate_crcs=True).iter_messages(topics=['/events']):
                        d = json.loads(m.data)
                        if d['kind'] == 'service-restart' and d['gap_start_gps_ns']: n += 1
            print(n)
            """, dir.appendingPathComponent(session).path])
        #expect(py.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "3", "\(py.stderr)")
    }
}

/// `SupervisedService` with a test-tuned supervisor (short back-off).
struct SupervisedFlaky: Service {
    let supervisor: Supervisor
    let inner: FlakyService
    let context: DaemonContext
    func run() async throws {
        let inner = self.inner
        await supervisor.run(context: context) { try await inner.run() }
    }
}
