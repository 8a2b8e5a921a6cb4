import Candidates
import Foundation
@testable import HarnessCLI
@testable import Measurement
@testable import Reporting
import Testing


@Suite("Report summary: error/(κu) per candidate × family")
struct ReportSummaryTests {
    @Test("nearest-rank quantiles: p99 of ≤ 100 values is the max; of 200 values, the 198th smallest")
    func quantile() {
        #expect(Format.quantile([], 0.99) == nil)
        #expect(Format.quantile([3, 1, 2], 0.99) == 3)
        #expect(Format.quantile(Array(1...100).map(Double.init), 0.99) == 99)
        #expect(Format.quantile(Array(1...200).map(Double.init).shuffled(), 0.99) == 198)
        #expect(Format.quantile([1, .nan, 5], 0.5) == 1)
        #expect(Format.quantile([4, 8], 1) == 8)
    }

    /// A real two-case run with the buggy mlx-proposal-t8 (float64) and a sound candidate: the summary
    /// rows name the worst case and give p99 and max error/(κu) equal to what the records hold.
    @Test("the summary row gives p99, max and the worst case's id from the records")
    func summaryRow() throws {
        let ids = ["rotation-skew-n4-seed1", "rotation-skew-n16-seed1"]
        let run = Runner(config: quickConfig(ids, try Selection.candidates("mlx-proposal-t8@float64,taylor-bbc18@float64", from: .native))).run()
        let md = MarkdownReport(results: run).render()
        let summary = md.components(separatedBy: "## Summary: candidate × family")[1].components(separatedBy: "\n## ")[0]
        let rows = summary.split(separator: "\n").filter { $0.hasPrefix("| `mlx-proposal-t8@float64` | rotation |") }
        #expect(rows.count == 1)
        let records = run.cases.map { c in (c, c.results[0]) }
        let ratios = records.compactMap(\.1.errorOverKappaU)
        let worst = try #require(MarkdownReport.worstCase(records))
        #expect(worst == records.max { $0.1.errorOverBound! < $1.1.errorOverBound! }!.0.id)
        let row = String(rows[0])
        #expect(row.contains("`\(worst)`"))
        #expect(row.contains(Format.sci(ratios.max())))
        #expect(summary.contains("p99 error/(κu)"))
    }

    /// Where c·κ·u ≥ 1/2 the problem allows no correct digit: a relative error of 0.6 there passes (it is
    /// conditioning, not the algorithm), is not the worst case, and the glance line counts it.
    @Test("a pass allowed only by conditioning is not the worst case and is counted at a glance")
    func hopelessPass() {
        var run = Runner(config: quickConfig(["randn-s1.0-n4-seed1", "randn-s0.1-n4-seed1"], [Pade13Higham05<Double>()])).run()
        run.cases[0].results[0].errors!.normwiseRelative = 40 * run.cases[0].results[0].bound / Verdict.boundConstant  // 40·κu
        var r = run.cases[1].results[0]
        r.boundKappa = 1e20
        r.bound = Verdict.bound(unitRoundoff: r.unitRoundoff, kappa: r.boundKappa)
        r.errors!.normwiseRelative = 0.6
        #expect(Verdict.noCorrectDigit < 0.6 && 0.6 <= r.bound)
        run.cases[1].results[0] = r
        let records = run.cases.map { ($0, $0.results[0]) }
        #expect(MarkdownReport.worstCase(records) == "randn-s1.0-n4-seed1")
        let glance = MarkdownReport(results: run).render().components(separatedBy: "## At a glance")[1].components(separatedBy: "\n## ")[0]
        #expect(glance.contains("1 pass(es) with relative error ≥ 1/2") && glance.contains("`randn-s0.1-n4-seed1`"))
    }

    /// A call that lost its finite answer is the worst case, whatever the others' errors.
    @Test("a judged call without a finite result is the worst case")
    func lostAnswerIsWorst() {
        var run = Runner(config: quickConfig(["randn-s1.0-n4-seed1", "randn-s0.1-n4-seed1"], [Pade13Higham05<Double>()])).run()
        run.cases[1].results[0].outcome = .nonFinite
        run.cases[1].results[0].errors = nil
        run.cases[1].results[0].verdict = .fail
        let records = run.cases.map { ($0, $0.results[0]) }
        #expect(MarkdownReport.worstCase(records) == "randn-s0.1-n4-seed1")
    }
}
