import Candidates
import Foundation

/// The plots the expm literature uses, built from a run's results:
/// (a) relative error against ‖A‖₁ (log–log) with one candidate's θ thresholds,
/// (b) a performance profile of the errors (Dolan & Moré 2002), and
/// (c) relative error against a per-case x value with the line y = x (for now the interim bound
/// c·u·max(1, ‖A‖₁); later κ_exp·u). One SVG per plot and precision.
///
/// Only results judged against a certified reference (verdict not `excluded`) are plotted.
enum ReportPlots {
    /// The candidate whose θ thresholds plot (a) draws unless told otherwise.
    static let defaultThresholdCandidate = "mlx-proposal-t8"

    /// The precisions plotted, in order.
    static let precisions = ["float32", "float64"]

    /// Unit roundoff of a precision name (2⁻²⁴ for float32, 2⁻⁵³ for float64).
    static func unitRoundoff(_ precision: String) -> Double {
        precision == "float32" ? 0x1p-24 : 0x1p-53
    }

    /// Every plot of `results`, with its file name, in a fixed order. Precisions without results
    /// are left out.
    static func plots(_ results: RunResults, thresholdCandidate: String = defaultThresholdCandidate)
        -> [(fileName: String, plot: SVGPlot)]
    {
        var out: [(String, SVGPlot)] = []
        for p in precisions where results.cases.contains(where: { $0.results.contains { $0.precision == p } }) {
            out.append(("error-vs-norm-\(p).svg", errorVsNorm(results, precision: p, thresholdCandidate: thresholdCandidate)))
            out.append(("performance-profile-\(p).svg", performanceProfilePlot(results, precision: p)))
            out.append(("error-vs-bound-\(p).svg", errorVsBound(results, precision: p)))
            out.append(("error-vs-kappa-\(p).svg", errorVsKappa(results, precision: p)))
        }
        return out
    }

    /// Writes every plot into `dir` (atomically) and returns the file names written.
    @discardableResult
    static func write(_ results: RunResults, to dir: String,
                      thresholdCandidate: String = defaultThresholdCandidate) throws -> [String] {
        var names: [String] = []
        for (name, plot) in plots(results, thresholdCandidate: thresholdCandidate) {
            try AtomicWrite.write(plot.render().svg, to: (dir as NSString).appendingPathComponent(name))
            names.append(name)
        }
        return names
    }

    // MARK: - The plots

    /// (a) Normwise relative error against ‖A‖₁, one series per candidate, with the θ thresholds
    /// (largest ‖A‖₁ at which it applies each scheme) of `thresholdCandidate` as vertical lines.
    static func errorVsNorm(_ results: RunResults, precision: String, thresholdCandidate: String) -> SVGPlot {
        var plot = SVGPlot(
            title: "Relative error vs ‖A‖₁ (\(precision))",
            subtitle: "One marker per case and candidate; dashed lines: θ thresholds of \(thresholdCandidate)",
            xAxis: PlotAxis(label: "‖A‖₁", scale: .log10),
            yAxis: PlotAxis(label: "‖X − e^A‖₁ / ‖e^A‖₁", scale: .log10))
        plot.series = candidateNames(results, precision: precision).map { name in
            SVGPlot.Series(name: name, points: judged(results, precision: precision, candidate: name).compactMap { c, r in
                r.errors.map { SVGPlot.Point(c.norm1, $0.normwiseRelative) }
            })
        }
        noteClamped(&plot)
        // Thresholds far below the data (θ1 ≈ u) would squeeze the data; they are listed instead.
        plot.verticalsReach = 0
        plot.verticals = SchemeCatalog.all.filter { $0.candidate == thresholdCandidate }.compactMap { s in
            let theta = s.maxNorm(precision: precision)
            return theta.isFinite && theta > 0
                ? SVGPlot.VerticalLine(x: theta, label: "θ(\(s.label)) = \(SVGText.scientific(theta))") : nil
        }
        plot.verticalsLegend = "θ of \(thresholdCandidate)"
        return plot
    }

    /// (b) Performance profile of the normwise relative errors over the cases every candidate of
    /// this precision ran with a certified reference. Errors are floored at u/2 (see
    /// `PerformanceProfile`); failures are never within any factor.
    static func performanceProfilePlot(_ results: RunResults, precision: String) -> SVGPlot {
        let profile = performanceProfile(results, precision: precision)
        let alphaMax = min(max(1e4, Foundation.pow(10, Foundation.ceil(Foundation.log10(max(profile.maxRatio, 1))))),
                           maxAlpha)
        var plot = SVGPlot(
            title: "Performance profile of relative errors (\(precision))",
            subtitle: "Fraction of \(profile.caseCount) cases within a factor α of the best error; errors floored at u/2",
            xAxis: PlotAxis(label: "α", scale: .log10, range: 1...alphaMax),
            yAxis: PlotAxis(label: "fraction of cases ρ(α)", scale: .linear, range: 0...1))
        plot.series = profile.names.indices.map { c in
            SVGPlot.Series(name: profile.names[c], points: profile.curve(candidate: c, alphaMax: alphaMax), style: .line)
        }
        return plot
    }

    /// The profile itself for one precision (see `performanceProfilePlot`).
    static func performanceProfile(_ results: RunResults, precision: String) -> PerformanceProfile {
        let names = candidateNames(results, precision: precision)
        var errors = [[Double?]](repeating: [], count: names.count)
        for c in results.cases {
            let records = names.map { n in c.results.first { $0.candidate == n && $0.precision == precision } }
            guard records.allSatisfy({ $0 != nil && $0!.verdict != .excluded }) else { continue }
            for (i, r) in records.enumerated() {
                errors[i].append(r!.outcome == .ok ? r!.errors?.normwiseRelative : nil)
            }
        }
        return PerformanceProfile(names: names, errors: errors, floor: unitRoundoff(precision) / 2)
    }

    /// (c) with x = the interim bound c·u·max(1, ‖A‖₁) of each case.
    static func errorVsBound(_ results: RunResults, precision: String) -> SVGPlot {
        var x: [String: Double] = [:]
        for c in results.cases {
            if let r = c.results.first(where: { $0.precision == precision }) { x[c.id] = r.bound }
        }
        let constant = SVGText.fixed(results.info.boundConstant, decimals: 0)
        return errorVsX(results, precision: precision, x: x,
                        title: "Relative error vs interim bound (\(precision))",
                        xLabel: "\(constant)·u·max(1, ‖A‖₁)",
                        subtitle: "Below the line y = x: within the interim bound (to be replaced by κ_exp·u)")
    }

    /// Relative error against κ_exp(A)·u, the standard picture of the expm literature: a forward-stable
    /// algorithm stays near or below the line y = x.
    static func errorVsKappa(_ results: RunResults, precision: String) -> SVGPlot {
        let u = precision == "float32" ? 0x1p-24 : 0x1p-53
        var x: [String: Double] = [:]
        for c in results.cases { if let k = c.reference.evidence.kappa { x[c.id] = max(1, k) * u } }
        return errorVsX(results, precision: precision, x: x,
                        title: "Relative error vs κ_exp·u (\(precision))",
                        xLabel: "max(1, κ_exp(A))·u",
                        subtitle: "κ_exp exact for n ≤ 8, estimated above; near or below y = x: forward stable")
    }

    /// (c) Normwise relative error against a per-case value `x[caseID]` (e.g. κ_exp·u), one series
    /// per candidate, with the line y = x over the x values' range. Cases without an x are left out.
    static func errorVsX(_ results: RunResults, precision: String, x: [String: Double],
                         title: String, xLabel: String, subtitle: String? = nil) -> SVGPlot {
        var plot = SVGPlot(title: title, subtitle: subtitle,
                           xAxis: PlotAxis(label: xLabel, scale: .log10),
                           yAxis: PlotAxis(label: "‖X − e^A‖₁ / ‖e^A‖₁", scale: .log10))
        plot.series = candidateNames(results, precision: precision).map { name in
            SVGPlot.Series(name: name, points: judged(results, precision: precision, candidate: name).compactMap { c, r in
                guard let e = r.errors, let xv = x[c.id] else { return nil }
                return SVGPlot.Point(xv, e.normwiseRelative)
            })
        }
        noteClamped(&plot)
        let usable = plot.series.flatMap { $0.points.map(\.x) }.filter { $0.isFinite && $0 > 0 }
        if let lo = usable.min(), let hi = usable.max() {
            plot.series.append(SVGPlot.Series(name: "y = x", points: [SVGPlot.Point(lo, lo), SVGPlot.Point(hi, hi)],
                                              style: .line, colour: "#555555"))
        }
        return plot
    }

    // MARK: - Helpers

    /// The largest α a profile shows: beyond a factor 10⁶ from the best, a result is simply wrong.
    static let maxAlpha = 1e6

    /// Errors above this are drawn at it: a relative error ≥ 1 has no correct digit, and the
    /// controls' errors (up to 1e100 and more) would otherwise squeeze every other result.
    static let errorCeiling = 1.0

    /// Draws errors above `errorCeiling` at the ceiling and says how many in the subtitle.
    private static func noteClamped(_ plot: inout SVGPlot) {
        var clamped = 0
        for i in plot.series.indices {
            plot.series[i].points = plot.series[i].points.map { p in
                guard p.y.isFinite, p.y > errorCeiling else { return p }
                clamped += 1
                return SVGPlot.Point(p.x, errorCeiling)
            }
        }
        if clamped > 0 {
            let note = "\(clamped) error\(clamped == 1 ? "" : "s") above 1 drawn at 1"
            plot.subtitle = plot.subtitle.map { $0 + "; " + note } ?? note
        }
    }

    /// Candidate names with results in `precision`, in order of first appearance.
    static func candidateNames(_ results: RunResults, precision: String) -> [String] {
        var seen: [String] = []
        for c in results.cases {
            for r in c.results where r.precision == precision && !seen.contains(r.candidate) { seen.append(r.candidate) }
        }
        return seen
    }

    /// The judged results (certified reference) of one candidate in one precision, with their case.
    private static func judged(_ results: RunResults, precision: String, candidate: String) -> [(CaseRecord, CandidateRecord)] {
        results.cases.flatMap { c in
            c.results.filter { $0.candidate == candidate && $0.precision == precision && $0.verdict != .excluded }.map { (c, $0) }
        }
    }
}
