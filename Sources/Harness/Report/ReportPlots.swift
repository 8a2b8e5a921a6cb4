import Candidates
import FileIO
import Foundation
import Linalg
import Measurement
import Plots

/// The plots the expm literature uses, built from a run's results, one SVG each:
/// per precision, (a) relative error against ‖A‖₁ (log–log) for every candidate, (b) a performance
/// profile of the errors (Dolan & Moré 2002) and (c) relative error against max(1, κ_exp)·u with the
/// lines y = x and y = c·x (the pass bound); and per candidate and precision, (d) relative error
/// against ‖A‖₁ by case family with that candidate's θ thresholds.
///
/// Only results judged against a certified reference (verdict not `excluded`) are plotted.
public enum ReportPlots {
    /// One plot file: what it shows, for which precision, and for which candidate if only one.
    struct File: Equatable, Sendable {
        enum Kind: String, Sendable {
            case errorVsNorm = "error-vs-norm"
            case performanceProfile = "performance-profile"
            case errorVsKappa = "error-vs-kappa"
        }

        var kind: Kind
        var precision: Precision
        /// The candidate of a per-candidate plot; nil for a plot of every candidate.
        var candidate: String?

        /// "<kind>-<precision>.svg", or "<kind>-<candidate>-<precision>.svg" for one candidate
        /// (characters other than letters, digits, '.', '_' and '-' in its name become '-').
        var name: String {
            let safe = candidate.map { String($0.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" }) }
            return ([kind.rawValue] + (safe.map { [$0] } ?? []) + [precision.rawValue]).joined(separator: "-") + ".svg"
        }
    }

    /// The precisions plotted, in order.
    static let precisions: [Precision] = [.float32, .float64]


    /// Every plot of `results`, with its file, in a fixed order: the plots of every candidate per
    /// precision, then each candidate's (in order of first appearance) per precision. Precisions
    /// without results are left out.
    static func plots(_ results: RunResults) -> [(file: File, plot: SVGPlot)] {
        let present = precisions.filter { p in results.cases.contains { $0.results.contains { $0.precision == p } } }
        var out: [(File, SVGPlot)] = []
        for p in present {
            out.append((File(kind: .errorVsNorm, precision: p), errorVsNorm(results, precision: p)))
            out.append((File(kind: .performanceProfile, precision: p), performanceProfilePlot(results, precision: p)))
            out.append((File(kind: .errorVsKappa, precision: p), errorVsKappa(results, precision: p)))
        }
        for name in candidateNames(results) {
            for p in present where candidateNames(results, precision: p).contains(name) {
                out.append((File(kind: .errorVsNorm, precision: p, candidate: name),
                            errorVsNorm(results, precision: p, candidate: name)))
            }
        }
        return out
    }

    /// Writes every plot into `dir` (atomically) and returns the files written, in `plots` order.
    @discardableResult
    static func write(_ results: RunResults, to dir: String) throws -> [File] {
        var files: [File] = []
        for (file, plot) in plots(results) {
            try AtomicWrite.write(plot.render().svg, to: (dir as NSString).appendingPathComponent(file.name))
            files.append(file)
        }
        return files
    }

    // MARK: - The plots

    /// (a) Normwise relative error against ‖A‖₁, one series per candidate. No θ lines: they differ
    /// from candidate to candidate, and the per-candidate plots (d) draw each one's.
    static func errorVsNorm(_ results: RunResults, precision: Precision) -> SVGPlot {
        var plot = SVGPlot(
            title: "Relative error vs ‖A‖₁ (\(precision))",
            subtitle: "One marker per case and candidate; θ lines in each candidate's own plot",
            xAxis: PlotAxis(label: "‖A‖₁", scale: .log10),
            yAxis: PlotAxis(label: "‖X − e^A‖₁ / ‖e^A‖₁", scale: .log10))
        plot.series = candidateNames(results, precision: precision).map { name in
            SVGPlot.Series(name: name, points: judged(results, precision: precision, candidate: name).compactMap { c, r in
                r.errors.map { SVGPlot.Point(c.norm1, $0.normwiseRelative) }
            })
        }
        noteClamped(&plot)
        return plot
    }

    /// How far beyond the data, in decades of ‖A‖₁, a θ line still widens plot (d)'s x range.
    /// Farther ones (θ1 ≈ u, θ2 ≈ √u) would squeeze the data; they are listed as off scale.
    static let thetaReach = 1.0

    /// (d) Normwise relative error against ‖A‖₁ of one candidate, one series per case family (with
    /// the same colour and marker in every candidate's plot), and the candidate's θ thresholds (the
    /// largest ‖A‖₁ at which it applies each scheme, from `SchemeCatalog`) as vertical lines.
    static func errorVsNorm(_ results: RunResults, precision: Precision, candidate: String) -> SVGPlot {
        var plot = SVGPlot(
            title: "Relative error vs ‖A‖₁: \(candidate) (\(precision))",
            subtitle: "By case family",
            xAxis: PlotAxis(label: "‖A‖₁", scale: .log10),
            yAxis: PlotAxis(label: "‖X − e^A‖₁ / ‖e^A‖₁", scale: .log10))
        let records = judged(results, precision: precision, candidate: candidate)
        plot.series = familyNames(results).enumerated().compactMap { k, family in
            let points = records.filter { $0.0.family == family }.compactMap { c, r in
                r.errors.map { SVGPlot.Point(c.norm1, $0.normwiseRelative) }
            }
            return points.isEmpty ? nil : SVGPlot.Series(name: family, points: points, styleIndex: k)
        }
        let schemes = SchemeCatalog.all.filter { $0.candidate == candidate }
        plot.verticals = thresholds(candidate: candidate, precision: precision).map {
            SVGPlot.VerticalLine(x: $0.theta, label: "θ(\($0.label)) = \(SVGText.scientific($0.theta))")
        }
        if !plot.verticals.isEmpty {
            plot.subtitle! += "; dashed: θ, the largest ‖A‖₁ each scheme is used at"
        } else if schemes.isEmpty {
            plot.subtitle! += "; no θ lines: \(candidate) chooses no scheme by ‖A‖₁"
        } else {
            plot.subtitle! += "; no θ lines: " + schemes.map(\.label).joined(separator: ", ") + " used at every ‖A‖₁"
        }
        noteClamped(&plot)
        plot.verticalsReach = thetaReach
        plot.verticalsLegend = "θ of \(candidate)"
        return plot
    }

    /// The θ thresholds of a candidate's schemes in `precision` (`SchemeCatalog.thresholds`), labelled by scheme.
    static func thresholds(candidate: String, precision: Precision) -> [(label: String, theta: Double)] {
        SchemeCatalog.thresholds(of: candidate, precision: precision).map { ($0.scheme.label, $0.theta) }
    }

    /// (b) Performance profile of the normwise relative errors over the cases every candidate of
    /// this precision ran with a certified reference. Errors are floored at u/2 (see
    /// `PerformanceProfile`); failures are never within any factor.
    static func performanceProfilePlot(_ results: RunResults, precision: Precision) -> SVGPlot {
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
    static func performanceProfile(_ results: RunResults, precision: Precision) -> PerformanceProfile {
        let names = candidateNames(results, precision: precision)
        var errors = [[Double?]](repeating: [], count: names.count)
        for c in results.cases {
            let records = names.map { n in c.results.first { $0.candidate == n && $0.precision == precision } }
            guard records.allSatisfy({ $0 != nil && $0!.verdict != .excluded }) else { continue }
            for (i, r) in records.enumerated() {
                errors[i].append(r!.outcome == .ok ? r!.errors?.normwiseRelative : nil)
            }
        }
        return PerformanceProfile(names: names, errors: errors, floor: precision.unitRoundoff / 2)
    }

    /// (c) Relative error against max(1, κ_exp(A))·u, the standard picture of the expm literature,
    /// one series per candidate: a forward-stable algorithm stays near or below the line y = x
    /// (drawn up to y = 1, the error ceiling). The line y = c·x, c = `Verdict.boundConstant`, is the pass
    /// bound c·max(1, κ_exp)·u (drawn up to the ceiling too). Cases without κ_exp are left out.
    static func errorVsKappa(_ results: RunResults, precision: Precision) -> SVGPlot {
        let u = precision.unitRoundoff
        var plot = SVGPlot(
            title: "Relative error vs κ_exp·u (\(precision))",
            subtitle: "κ_exp exact for n ≤ \(results.info.kappaExactMaxOrder.map(String.init) ?? "?"), estimated above; near or below y = x: forward stable",
            xAxis: PlotAxis(label: "max(1, κ_exp(A))·u", scale: .log10),
            yAxis: PlotAxis(label: "‖X − e^A‖₁ / ‖e^A‖₁", scale: .log10))
        plot.series = candidateNames(results, precision: precision).map { name in
            SVGPlot.Series(name: name, points: judged(results, precision: precision, candidate: name).compactMap { c, r in
                // The κ the verdict used (of the matrix this precision sees); none where exp(A) overflows.
                guard let e = r.errors, r.boundBasis != .normSurrogate else { return nil }
                return SVGPlot.Point(max(1, r.boundKappa) * u, e.normwiseRelative)
            })
        }
        noteClamped(&plot)
        // Guide lines: solid y = x and dashed bound (palette slots 0 and 1), whatever the candidates.
        // y = x stops at the error ceiling: above it the plot shows no error, and the line would
        // stretch the y axis by as many decades as κ·u exceeds 1.
        let usable = plot.series.flatMap { $0.points.map(\.x) }.filter { $0.isFinite && $0 > 0 }
        if let lo = usable.min(), let hi = usable.max() {
            let top = min(hi, errorCeiling)
            plot.series.append(SVGPlot.Series(name: "y = x", points: lo <= top ? [SVGPlot.Point(lo, lo), SVGPlot.Point(top, top)] : [],
                                              style: .line, colour: "#555555", styleIndex: 0))
            plot.series.append(SVGPlot.Series(name: boundLegend, points: passBound(from: lo, to: hi),
                                              style: .line, colour: "#B2182B", styleIndex: 1))
        }
        return plot
    }

    /// The legend of the pass-bound line, e.g. "pass bound c·κ·u (c = 50)".
    static var boundLegend: String {
        "pass bound c·κ·u (c = \(SVGText.fixed(Verdict.boundConstant, decimals: 0)))"
    }

    /// The line y = c·x from x = lo to where it reaches the error ceiling (or hi, if sooner); empty when
    /// the whole range is above the ceiling.
    static func passBound(from lo: Double, to hi: Double) -> [SVGPlot.Point] {
        let c = Verdict.boundConstant
        let top = min(hi, errorCeiling / c)
        return lo <= top ? [SVGPlot.Point(lo, c * lo), SVGPlot.Point(top, c * top)] : []
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

    /// Candidate names with results in `precision` (in any precision if nil), in order of first
    /// appearance.
    static func candidateNames(_ results: RunResults, precision: Precision? = nil) -> [String] {
        var seen: [String] = []
        for c in results.cases {
            for r in c.results where (precision == nil || r.precision == precision) && !seen.contains(r.candidate) {
                seen.append(r.candidate)
            }
        }
        return seen
    }

    /// The run's case families in report order (`info.families`), then any other family of its
    /// cases: a family's position is its style in every per-candidate plot.
    static func familyNames(_ results: RunResults) -> [String] {
        var names = results.info.families
        for c in results.cases where !names.contains(c.family) { names.append(c.family) }
        return names
    }

    /// The judged results (certified reference) of one candidate in one precision, with their case.
    private static func judged(_ results: RunResults, precision: Precision, candidate: String) -> [(CaseRecord, CandidateRecord)] {
        results.cases.flatMap { c in
            c.results.filter { $0.candidate == candidate && $0.precision == precision && $0.verdict != .excluded }.map { (c, $0) }
        }
    }
}
