/// The `gnss-message-only` estimate: GPS − host from the least-delayed of the recent message arrivals.
///
/// Every arrival lags its epoch, so each gives a lower bound on GPS − host; the largest recent one is the best
/// estimate. Its error is the smallest latency in the window, which nobody observes: the source's σ covers a
/// receiver's usual latency, and half the spread of the window's offsets is added, because when arrivals scatter
/// (a loaded host, a USB-serial bridge, an emulated tty) the least-delayed one can leave the window and the
/// estimate steps by up to that spread. A steady 20 ms claim during 300 ms steps was seen on a loaded emulated rig.
struct MessageTimeFit: Hashable, Sendable {
    /// Per source: sources differ in latency (UBX straight from the receiver, gpsd's TPV after its cycle ends,
    /// a replay that may even run ahead), so the least-delayed arrival is sought within one source and the source
    /// whose estimate has the smallest σ answers. Mixing them let the one running ahead of its epochs (gpsfake in
    /// the simulator) pull every stamp early by 0.4 s while the UBX stream beside it was right.
    private var recent: [GNSSMessageTime.Source: [GNSSMessageTime]] = [:]
    static let capacity = 16

    mutating func add(_ message: GNSSMessageTime) {
        var window = recent[message.source, default: []]
        if let last = window.last, message.receivedAt < last.receivedAt { return }
        window.append(message)
        if window.count > Self.capacity { window.removeFirst(window.count - Self.capacity) }
        recent[message.source] = window
    }

    /// GPS time at `host` and its σ; `frequency` (ns/s, with its uncertainty) comes from the PPS fit if one exists,
    /// else the host is assumed within 100 ppm.
    func estimate(at host: MonotonicInstant, frequency: (value: Double, sigma: Double)?) -> (gps: Int64, sigma: Double)?
    {
        var best: (gps: Int64, sigma: Double)?
        for source in GNSSMessageTime.Source.allCases {
            guard let window = recent[source], let e = Self.estimate(window, at: host, frequency: frequency) else {
                continue
            }
            if e.sigma < (best?.sigma ?? .infinity) { best = e }
        }
        return best
    }

    /// One source's estimate: its least-delayed recent arrival, σ from the source's usual latency, the window's
    /// scatter and the host's drift since the newest arrival.
    private static func estimate(
        _ window: [GNSSMessageTime], at host: MonotonicInstant, frequency: (value: Double, sigma: Double)?
    ) -> (gps: Int64, sigma: Double)? {
        guard let newest = window.last else { return nil }
        let newestOffset = newest.gps.nanosecondsSinceEpoch - newest.receivedAt.nanoseconds
        let f = frequency?.value ?? 0
        var best: Double?
        var worst = Double.infinity
        for m in window {
            let offset = Double(m.gps.nanosecondsSinceEpoch - m.receivedAt.nanoseconds - newestOffset)
            let projected = offset + f * host.seconds(since: m.receivedAt)
            worst = min(worst, projected)
            best = max(best ?? -.infinity, projected)
        }
        guard let offset = best else { return nil }
        let latency = newest.source.defaultSigmaNanoseconds
        let age = abs(host.seconds(since: newest.receivedAt))
        let drift = (frequency?.sigma ?? 100_000) * age
        let scatter = (offset - worst) / 2
        let gps = host.nanoseconds &+ newestOffset &+ Int64(saturating: offset)
        return (gps, (latency * latency + scatter * scatter + drift * drift).squareRoot())
    }
}
