/// Decimal text with a fixed number of fraction digits, without Foundation's formatters: XMP and CSV values must
/// never come out in exponent notation ("1e-05"), which some readers reject.
public enum FixedDecimal {
    public static func format(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "" }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * Double(scale)).rounded()
        guard scaled < 9.2e18 else { return "\(x)" }
        let n = Int64(scaled)
        let sign = x < 0 && n != 0 ? "-" : ""
        let whole = n / scale
        guard digits > 0 else { return "\(sign)\(whole)" }
        return "\(sign)\(whole).\(String(n % scale).leftPadded(to: digits))"
    }
}
