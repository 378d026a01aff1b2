/// The `gnss-message-only` estimate: GPS − host from the least-delayed of the recent message arrivals.
///
/// Every arrival lags its epoch, so each gives a lower bound on GPS − host; the largest recent one is the best
/// estimate. Its error is the smallest latency in the window, which nobody observes: the source's σ covers a
/// receiver's usual latency, and half the spread of the window's offsets is added, because when arrivals scatter
/// (a loaded host, a USB-serial bridge, an emulated tty) the least-delayed one can leave the window and the
/// estimate steps by up to that spread. A steady 20 ms claim during 300 ms steps was seen on a loaded emulated rig.
struct MessageTimeFit: Hashable, Sendable {
    private var recent: [GNSSMessageTime] = []
    static let capacity = 16


    mutating func add(_ message: GNSSMessageTime) {
        if let last = recent.last, message.receivedAt < last.receivedAt { return }
        recent.append(message)
        if recent.count > Self.capacity { recent.removeFirst(recent.count - Self.capacity) }
    }

    /// GPS time at `host` and its σ; `frequency` (ns/s, with its uncertainty) comes from the PPS fit if one exists,
    /// else the host is assumed within 100 ppm.
    func estimate(at host: MonotonicInstant, frequency: (value: Double, sigma: Double)?) -> (gps: Int64, sigma: Double)?
    {
        guard let newest = recent.last else { return nil }
        let f = frequency?.value ?? 0
        var best: Double?
        var worst = Double.infinity
        var bestSigma = 0.0
        for m in recent {
            let offset = Double(m.gps.nanosecondsSinceEpoch - m.receivedAt.nanoseconds - newestOffset(newest))
            let projected = offset + f * host.seconds(since: m.receivedAt)
            worst = min(worst, projected)
            if projected > (best ?? -.infinity) {
                best = projected
                bestSigma = m.source.defaultSigmaNanoseconds
            }
        }
        guard let offset = best else { return nil }
        let age = abs(host.seconds(since: newest.receivedAt))
        let drift = (frequency?.sigma ?? 100_000) * age
        let scatter = (offset - worst) / 2
        let gps = host.nanoseconds &+ newestOffset(newest) &+ Int64(saturating: offset)
        return (gps, (bestSigma * bestSigma + scatter * scatter + drift * drift).squareRoot())
    }

    private func newestOffset(_ m: GNSSMessageTime) -> Int64 { m.gps.nanosecondsSinceEpoch - m.receivedAt.nanoseconds }
}
