/// The textbook alternative the clock model is compared with (protocols.md §2.6): a least-squares line through the
/// last `window` labelled edges, dropping residuals beyond max(5·1.4826·MAD, 20 µs) and refitting, evaluated by
/// extrapolating from the newest edge. Benchmark peer only.
struct WindowedLeastSquaresPeer {
    let window: Int
    private var points: [(host: Int64, offset: Int64)] = []
    private var fit: (reference: Int64, base: Int64, intercept: Double, slope: Double)?

    init(window: Int) { self.window = window }

    mutating func add(host: Int64, label: Int64) {
        points.append((host, label - host))
        if points.count > window { points.removeFirst(points.count - window) }
        refit()
    }

    /// Estimated GPS ns at `host`, or nil before two edges.
    func gps(at host: Int64) -> Int64? {
        guard let f = fit else { return nil }
        let dt = Double(host - f.reference) / 1e9
        return host + f.base + Int64((f.intercept + f.slope * dt).rounded())
    }

    private mutating func refit() {
        guard let last = points.last, points.count >= 2 else { return }
        var use = points
        for _ in 0..<2 {
            guard let line = Self.line(use, reference: last) else { return }
            fit = (last.host, last.offset, line.intercept, line.slope)
            let residuals = use.map {
                Double($0.offset - last.offset) - line.intercept - line.slope * Double($0.host - last.host) / 1e9
            }
            let sorted = residuals.map(abs).sorted()
            let mad = sorted[sorted.count / 2]
            let limit = max(5 * 1.4826 * mad, 20_000)
            let kept = zip(use, residuals).filter { abs($0.1) <= limit }.map(\.0)
            if kept.count == use.count || kept.count < 2 { return }
            use = kept
        }
    }

    private static func line(
        _ p: [(host: Int64, offset: Int64)],
        reference: (host: Int64, offset: Int64)
    ) -> (intercept: Double, slope: Double)? {
        let t = p.map { Double($0.host - reference.host) / 1e9 }
        let z = p.map { Double($0.offset - reference.offset) }
        let n = Double(p.count)
        let tm = t.reduce(0, +) / n
        let zm = z.reduce(0, +) / n
        let sxx = t.reduce(0) { $0 + ($1 - tm) * ($1 - tm) }
        guard sxx > 0 else { return nil }
        let slope = zip(t, z).reduce(0) { $0 + ($1.0 - tm) * ($1.1 - zm) } / sxx
        return (zm - slope * tm, slope)
    }
}
