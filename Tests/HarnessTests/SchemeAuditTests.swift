@testable import Audit
import Candidates
import Foundation
import Linalg
@testable import Measurement
@testable import Reporting
import Testing


/// A test scheme: Horner's rule for Σ_{k≤m} c_k x^k with c_k = 1/k!, except that one degree may be
/// given a wrong coefficient, to check that the audit finds exactly that degree.
struct HornerScheme: AuditableScheme {
    let degree: Int
    var wrongDegree: Int? = nil
    var wrongFactor = 1.1
    var theta = 0.5
    var label: String { "H\(degree)" }
    var candidate: String { "test" }
    var target: SchemeTarget { .taylor(degree: degree) }
    func usage(precision: Precision) -> String { "test" }
    func maxNorm(precision: Precision) -> Double { theta }

    func coefficient(_ k: Int) -> Double {
        var f = 1.0
        for i in stride(from: 2, through: k, by: 1) { f *= Double(i) }
        return k == wrongDegree ? wrongFactor / f : 1 / f
    }

    func evaluate<M: SchemeAlgebra>(_ a: M) -> SchemeValue<M> {
        var p = a.one.divided(by: M.Coefficient(1 / coefficient(degree)))
        for k in stride(from: degree - 1, through: 0, by: -1) {
            p = (p * a).addingDiagonal(M.Coefficient(coefficient(k)))
        }
        return .polynomial(p)
    }
}

@Suite("Scheme audit")
struct SchemeAuditTests {
    /// Horner with 1/k! matches through its degree; its truncation term at θ is θ^(m+1)/(m+1)!, which
    /// the audit must report in units of u (constants rounded to Double change it by ~u relative).
    @Test("an exact Taylor scheme matches through its degree and reports its truncation term")
    func exactScheme() {
        let e = SchemeAudit.audit(HornerScheme(degree: 6), Double.self)
        #expect(!e.departs && e.matchesThrough == 6)
        let expected = pow(0.5, 7) / 5040 / 0x1p-53
        #expect(abs(e.truncationOverU - expected) <= 1e-6 * expected)
    }

    @Test("a wrong coefficient is found at its degree", arguments: [2, 4, 5])
    func wrongCoefficient(degree: Int) throws {
        let e = SchemeAudit.audit(HornerScheme(degree: 6, wrongDegree: degree), Double.self)
        let d = try #require(e.firstDeparture)
        #expect(d.degree == degree && e.matchesThrough == degree - 1)
        #expect(abs(d.relative - 0.1) < 1e-12)
    }

    /// Below u at θ the same wrong coefficient is not a departure: with θ tiny, 0.1/5!·θ^5 ≪ u.
    @Test("a coefficient error that cannot show at θ is not a departure")
    func invisibleError() {
        var s = HornerScheme(degree: 6, wrongDegree: 5)
        s.theta = 1e-4
        #expect(!SchemeAudit.audit(s, Double.self).departs)
    }

    /// A coefficient off by 2 ulps (what rounding a constant can do) is visible at a large θ (the
    /// effect 2·2^-53/5!·θ^5 is ~30 u at θ = 10) but is not a departure: it is within what rounding of
    /// Double constants explains. The same θ with a 10 % error is one.
    @Test("rounding-level coefficient errors are not departures, even where they show")
    func roundingNotDeparture() {
        var s = HornerScheme(degree: 6, wrongDegree: 5, wrongFactor: 1 + 4 * 0x1p-53)
        s.theta = 10
        let e = SchemeAudit.audit(s, Double.self)
        #expect(!e.departs)
        s.wrongFactor = 1.1
        #expect(SchemeAudit.audit(s, Double.self).firstDeparture?.degree == 5)
    }

    /// The posted T8: the degree-5 coefficient is 1/120 + x1·x3·(x7_posted − x7_paper), because x7
    /// first enters through (x3·A2 + A4)·x7·A4 whose lowest term is x3·x1·x7·A^5. With
    /// x7_posted = x3·x7_paper this is a relative error 120·x1·x3·x7_paper·(x3 − 1), computed here
    /// independently in Double from the constants' closed forms.
    @Test("the posted T8 departs at degree 5 by the amount its x7 predicts, in both precisions")
    func postedT8() throws {
        let r = 177.0.squareRoot(), x3 = 2.0 / 3
        let x1 = x3 * (1 + r) / 88
        let x7paper = (89 - r) / (5040 * x3 * x3)
        let predicted = 120 * x1 * x3 * x7paper * (x3 - 1)
        let t8 = try #require(SchemeCatalog.all.first { $0.candidate == "mlx-proposal-t8" && $0.label == "T8" })
        for e in [SchemeAudit.audit(t8, Double.self), SchemeAudit.audit(t8, Float.self)] {
            let d = try #require(e.firstDeparture, "\(e.precision)")
            #expect(d.degree == 5 && e.matchesThrough == 4)
            // Constants rounded to Float move the coefficient by ~1e-7 relative; 1e-5 covers that.
            #expect(abs(d.relative - predicted) < (e.precision == .float32 ? 1e-5 : 1e-12))
        }
    }

    @Test("Higham 2005's Padé schemes agree with exp through order 2m and with the closed-form coefficients")
    func pade() {
        let entries = SchemeAudit.run([Pade13Higham05<Double>()])
        #expect(entries.map(\.scheme) == ["P3", "P5", "P7", "P9", "P13"])
        for e in entries {
            #expect(!e.departs && e.matchesThrough == e.claimedOrder)
            // Integer coefficients up to 6.5e16 are exact in Double: the deviation is MPFR rounding only.
            #expect(e.padeCoefficientDeviation! < 1e-60)
        }
    }

    @Test("the audit is part of a run's results and report")
    func inReport() {
        let run = Runner(config: quickConfig(["nilpotent-shift-n3"], [MLXProposalT8<Double>()])).run()
        #expect(run.audit.map(\.scheme) == ["T1", "T2", "T4", "T8"])
        let md = MarkdownReport(results: run).render()
        #expect(md.contains("## Scheme audit"))
        #expect(md.contains("depart below their claimed order"))
    }
}
