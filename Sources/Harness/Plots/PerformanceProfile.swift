/// A performance profile (Dolan & Moré, "Benchmarking optimization software with performance
/// profiles", Math. Program. 91:201–213, 2002) over errors: for each candidate, the fraction ρ(α)
/// of cases on which its error is within a factor α of the best candidate's error on that case.
///
/// A failure (no finite error) is never within any factor. Errors are floored at `floor` (the
/// callers use u/2 of the precision) before ratios are taken, so an exact result (error 0) does
/// not divide by zero and errors below the precision's resolution count as ties. A case on which
/// every candidate failed counts in the denominator and for no candidate.
public struct PerformanceProfile: Sendable {
    /// The candidates, in input order.
    public let names: [String]
    /// ratios[c][p]: error of candidate c on case p over the best error on case p; nil for a failure.
    let ratios: [[Double?]]

    /// `errors[c][p]`: candidate c's error on case p, nil (or non-finite) for a failure.
    public init(names: [String], errors: [[Double?]], floor: Double) {
        precondition(names.count == errors.count)
        let cases = errors.first?.count ?? 0
        let floored: [[Double?]] = errors.map { row in
            precondition(row.count == cases)
            return row.map { e in e.flatMap { $0.isFinite ? max($0, floor) : nil } }
        }
        var best = [Double?](repeating: nil, count: cases)
        for row in floored {
            for (p, e) in row.enumerated() { if let e, best[p].map({ e < $0 }) ?? true { best[p] = e } }
        }
        self.names = names
        self.ratios = floored.map { row in row.enumerated().map { p, e in e.map { $0 / best[p]! } } }
    }

    public var caseCount: Int { ratios.first?.count ?? 0 }

    /// ρ_c(α): the fraction of cases on which candidate c is within a factor α of the best.
    func fraction(candidate c: Int, alpha: Double) -> Double {
        guard caseCount > 0 else { return 0 }
        return Double(ratios[c].filter { $0.map { $0 <= alpha } ?? false }.count) / Double(caseCount)
    }

    /// The largest finite ratio (≥ 1), for sizing the α axis.
    public var maxRatio: Double {
        ratios.flatMap { $0.compactMap { $0 } }.max() ?? 1
    }

    /// The step curve of candidate c from α = 1 to `alphaMax`: a point where ρ jumps is given
    /// twice (the value before and after), so a polyline through the points draws the steps.
    public func curve(candidate c: Int, alphaMax: Double) -> [SVGPlot.Point] {
        let jumps = Array(Set(ratios[c].compactMap { $0 }.filter { $0 > 1 && $0 <= alphaMax })).sorted()
        var pts = [SVGPlot.Point(1, fraction(candidate: c, alpha: 1))]
        for r in jumps {
            pts.append(SVGPlot.Point(r, pts.last!.y))
            pts.append(SVGPlot.Point(r, fraction(candidate: c, alpha: r)))
        }
        pts.append(SVGPlot.Point(alphaMax, pts.last!.y))
        return pts
    }
}
