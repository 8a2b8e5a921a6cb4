import Foundation
import Linalg

/// Fixed number formats for reports, so that diffs of reports mean something.
public enum Format {
    /// Scientific with three significant digits: "1.23e-16"; "—" for nil, "NaN"/"Inf" as such.
    public static func sci(_ x: Double?) -> String {
        guard let x else { return "—" }
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return String(format: "%.2e", x)
    }

    /// A duration in s, ms or µs with three significant digits.
    public static func time(_ s: Double?) -> String {
        guard let s, s.isFinite else { return "—" }
        if s >= 1 { return String(format: "%.3g s", s) }
        if s >= 1e-3 { return String(format: "%.3g ms", s * 1e3) }
        return String(format: "%.3g µs", s * 1e6)
    }

    /// A plain number with `digits` decimals.
    public static func fixed(_ x: Double?, _ digits: Int = 1) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.\(digits)f", x)
    }

    static func median(_ xs: [Double]) -> Double? { xs.median }

    /// The q-quantile (0 < q ≤ 1) by the nearest-rank rule: the smallest value with at least q·N values
    /// at or below it (so the 99th percentile of up to 100 values is their maximum). NaN ignored.
    static func quantile(_ xs: [Double], _ q: Double) -> Double? {
        let v = xs.filter { !$0.isNaN }.sorted()
        if v.isEmpty { return nil }
        let rank = Int((q * Double(v.count)).rounded(.up))
        return v[min(max(rank, 1), v.count) - 1]
    }
}
