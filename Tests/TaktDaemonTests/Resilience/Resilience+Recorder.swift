import TaktCore
@testable import TaktDaemon

extension Resilience {
    /// A recorder writing onto `fs` whose clock (returned too, for stamping what the test submits) is the host's
    /// monotonic clock, labelled GPS `origin` at this call and PPS-locked: the out-of-space tests fill a real small
    /// filesystem in real time.
    static func recorder(
        on fs: SmallFilesystem, vehicleId: String, origin: GPSTime, syncInterval: Duration, notices: NoticeLog
    ) -> (Recorder, Recorder.Now) {
        let startHost = HostClock.monotonic()
        let now: Recorder.Now = {
            let m = HostClock.monotonic()
            let gps = origin + .nanoseconds(m.nanoseconds - startHost.nanoseconds)
            return (
                m, TimelineTime(StampedTime(gps: gps, provenance: .ppsLocked, sigmaNanoseconds: 50), leapSeconds: 18)
            )
        }
        let recorder = Recorder(
            configuration: .init(
                vehicleId: vehicleId, outputDirectory: fs.path, rigFileBytes: Array("{ rigFormat: 1 }\n".utf8),
                segmentSeconds: 10, syncInterval: syncInterval),
            now: now, notice: { notices.add($0) })
        return (recorder, now)
    }
}
