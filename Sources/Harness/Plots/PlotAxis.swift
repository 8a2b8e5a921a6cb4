import Foundation

/// One axis of an `SVGPlot`: its label, its scale and (optionally) a fixed range.
public struct PlotAxis: Sendable {
    public enum Scale: Sendable { case linear, log10 }

    var label: String
    var scale: Scale = .linear
    /// A fixed data range; nil to fit the data (log axes are widened to whole decades, linear axes
    /// to the nice ticks around the data).
    var range: ClosedRange<Double>?

    public init(label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
        (self.label, self.scale, self.range) = (label, scale, range)
    }

    /// Whether `v` can be drawn on this axis (finite, and positive on a log axis).
    func accepts(_ v: Double) -> Bool {
        v.isFinite && (scale == .linear || v > 0)
    }

    /// The value as the axis measures it: log10(v) on a log axis, v on a linear one.
    func transform(_ v: Double) -> Double {
        scale == .log10 ? Foundation.log10(v) : v
    }

    /// The range in transformed units, fitted to `values` (already accepted) unless fixed.
    func resolvedRange(for values: [Double]) -> ClosedRange<Double> {
        if let r = range { return transform(r.lowerBound)...transform(r.upperBound) }
        let t = values.map(transform)
        guard var lo = t.min(), var hi = t.max() else { return scale == .log10 ? 0...1 : 0...1 }
        switch scale {
        case .log10:
            lo = Foundation.floor(lo)
            hi = Foundation.ceil(hi)
            if hi <= lo { hi = lo + 1 }
        case .linear:
            if hi <= lo {
                let pad = lo == 0 ? 1 : abs(lo) / 2
                lo -= pad
                hi += pad
            }
            let step = PlotAxis.niceStep(span: hi - lo)
            lo = Foundation.floor(lo / step) * step
            hi = Foundation.ceil(hi / step) * step
        }
        return lo...hi
    }

    /// Ticks inside `range` (transformed units), each with its label.
    func ticks(in range: ClosedRange<Double>) -> [(position: Double, label: String)] {
        switch scale {
        case .log10:
            let first = Int(Foundation.ceil(range.lowerBound - 1e-9))
            let last = Int(Foundation.floor(range.upperBound + 1e-9))
            guard first <= last else { return [] }
            // At most about ten labelled decades, at multiples of a 1-2-5 number of decades.
            let stride = [1, 2, 5, 10, 20, 50, 100, 200, 500].first { (last - first) / $0 <= 10 } ?? 1000
            let start = Int(Foundation.ceil(Double(first) / Double(stride))) * stride
            return Swift.stride(from: start, through: last, by: stride).map { (Double($0), SVGText.powerOfTen($0)) }
        case .linear:
            let step = PlotAxis.niceStep(span: range.upperBound - range.lowerBound)
            let decimals = max(0, -Int(Foundation.floor(Foundation.log10(step) + 1e-9)))
            let first = Int(Foundation.ceil(range.lowerBound / step - 1e-9))
            let last = Int(Foundation.floor(range.upperBound / step + 1e-9))
            guard first <= last else { return [] }
            return (first...last).map { k in
                let v = Double(k) * step
                return (v, SVGText.fixed(v, decimals: decimals))
            }
        }
    }

    /// A 1-2-5 step giving about five to ten ticks over `span`.
    static func niceStep(span: Double) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / 6
        let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        let f = raw / magnitude
        let nice: Double = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10
        return nice * magnitude
    }
}
