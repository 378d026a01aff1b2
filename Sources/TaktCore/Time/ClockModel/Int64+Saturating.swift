extension Int64 {
    /// Rounds and clamps; NaN becomes 0. Converting a Double that corrupt input made huge must not trap.
    init(saturating value: Double) {
        guard value.isFinite else {
            self = value.isNaN ? 0 : (value > 0 ? .max : .min)
            return
        }
        let r = value.rounded()
        if r >= 9.2e18 {
            self = .max
        } else if r <= -9.2e18 {
            self = .min
        } else {
            self = Int64(r)
        }
    }
}
