import Candidates
@testable import Cases
@testable import Certification
import Foundation
import Linalg
@testable import Measurement
import Reference
import Testing


@Suite("Witnesses and evidence")
struct EvidenceTests {
    /// The closed forms and the Taylor reference are independent computations at 256 bits; both are
    /// far more accurate than hi + lo can store (2^-106 ≈ 1.2e-32), so they must agree to the
    /// stored capacity, ≥ 30 digits (the requirement for each witness against closed forms).
    @Test("closed forms agree with the Taylor reference to ≥ 30 digits", arguments: [
        "nilpotent-shift-n16", "nilpotent-shift-n64", "nilpotent-upper-n4-seed1", "nilpotent-upper-n16-seed1",
        "rotation-blocks-n2-seed1", "rotation-blocks-n16-seed3", "rotation-blocks-n5-seed1",
        "illcond-triu-k3-n16-seed1", "illcond-triu-k8-n5-seed2",
        "illcond-exact-k3-n16-seed1", "illcond-exact-k5-n16-seed1", "illcond-exact-k5-n64-seed2",
        "sweep-upper-norm1e-08-n8-seed1", "sweep-upper-norm10000.0-n8-seed1",
        "sweep-triu-k3-norm0.0004-n8-seed1", "sweep-triu-k3-norm10000.0-n8-seed1",
    ])
    func closedFormsAgree(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        let a = spec.matrix()
        let e = Witnesses.assess(TaylorReference.compute(a), spec, a, target: 25)
        let pair = try #require(e.pairs.first { $0.independent }, "no closed form for \(id)")
        #expect(pair.normwiseDigits >= 30 && pair.componentwiseDigits >= 30, "\(id): \(pair)")
        #expect(e.certifiedDigits >= 30 && e.basis.hasPrefix("independent"))
        #expect(e.disagreement == nil)
    }

    /// Arb's enclosure proves a lower bound on the reference's accuracy; hi + lo holds ~31.9 digits,
    /// so every quick-suite variant (n = 16), every literature matrix and every sweep base at the
    /// smallest, a middle and the largest decade must get ≥ 30 proven digits, unless exp(A) leaves
    /// Double's range (then there is nothing finite to certify in hi + lo). The sweep is sampled: its 87
    /// quick cases would double this test's time (about 0.1 s each) for matrices that differ only in scale.
    @Test("Arb agrees with the reference on the quick suite's variants, the literature and sweep samples",
          arguments: Suite.cases(families: Family.allCases.filter { $0 != .sweep }, sizes: [16], seed: 1, suite: .quick).map(\.id)
            + SweepBase.allCases.flatMap { base in
                [1e-8, 1, 1e4].map { CaseSpec(.sweep(base: base, norm: $0), n: NormSweep.order, seed: 1).id }
            })
    func arbAgrees(id: String) throws {
        let spec = try #require(CaseSpec(id: id))
        let a = spec.matrix()
        let r = TaylorReference.compute(a)
        if !r.hi.isFinite { return }  // exp(A) beyond Double (scipy #7433): nothing finite to certify
        let e = Witnesses.assess(r, spec, a, target: 25, arbMaxOrder: 256)
        let arb = try #require(e.pairs.first { $0.second == Witnesses.arbWitnessName })
        #expect(arb.normwiseDigits >= 30, "\(id): \(arb)")
        #expect(e.certifiedDigits >= 30 && e.disagreement == nil)
    }

    /// stan-dev/math #2615: every entry of exp(A) is far below Double's range, so the right Double
    /// answer is 0 everywhere; that is recorded as underflow, not as a witness disagreement.
    @Test("entries that underflow Double are recorded, not counted as disagreements")
    func underflowRecorded() throws {
        let spec = try #require(CaseSpec(id: "literature-stan-2615-underflow"))
        let a = spec.matrix()
        let e = Witnesses.assess(TaylorReference.compute(a), spec, a, target: 25, arbMaxOrder: 256)
        #expect(e.underflowEntries == a.rows * a.rows)
        #expect(e.disagreement == nil && e.certifiedDigits >= 30)
    }

    /// The eigendecomposition witness joins for n ≤ 64 where it applies (a random matrix: distinct,
    /// well separated eigenvalues) and declines, saying why, on the shift (a Jordan block).
    @Test("the eigen witness agrees where it applies and declines on a Jordan block")
    func eigenWitness() throws {
        for id in ["randn-s1.0-n16-seed1", "nilpotent-shift-n4"] {
            let spec = try #require(CaseSpec(id: id))
            let a = spec.matrix()
            let e = Witnesses.assess(TaylorReference.compute(a), spec, a, target: 25)
            let pair = e.pairs.first { $0.second == Witnesses.eigenWitnessName }
            if id.hasPrefix("randn") {
                #expect((pair?.normwiseDigits ?? 0) >= 30 && e.refusals.isEmpty)
            } else {
                #expect(pair == nil && e.refusals.first?.contains("not applicable") == true)
            }
        }
    }

    /// With Arb and the eigendecomposition off, a matrix with no closed form whose norm is beyond the
    /// double-double witness (‖A‖₁ = 2^31 > `FastReference.maximumNorm1`) has only the self-check.
    @Test("without an independent witness the certificate falls back to the weaker self-check, and says so")
    func selfCheckOnly() {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [0, 0, 0x1p31, 0])  // [[0, 2^31], [0, 0]]
        #expect(!FastReference.isApplicable(a))
        let e = Witnesses.assess(TaylorReference.compute(a), nil, a, target: 25, arbMaxOrder: 0, eigenMaxOrder: 0)
        #expect(e.pairs.count == 1 && !e.pairs[0].independent)
        #expect(e.basis.hasPrefix("self-check only"))
        #expect(e.certifiedDigits == Evidence.storedDigits)  // 55 self-check digits, capped at what hi + lo holds
    }

    /// A witness corrupted at 1e-20 relative agrees with the reference to ~20 digits; being the only
    /// independent witness, it decides, and the case becomes uncertain despite a perfect self-check.
    @Test("a deliberately corrupted witness makes the case uncertain")
    func corruptedWitness() throws {
        let spec = CaseSpec(id: "rotation-blocks-n4-seed1")!
        let a = spec.matrix()
        let r = TaylorReference.compute(a)
        let exact = try #require(spec.closedForm(of: a))
        exact[0, 0] = exact[0, 0] * (MPFloat(1, precision: 256) + MPFloat(1e-20, precision: 256))
        let digits = Agreement.digits(MPMatrix.fromHiLo(r.hi, r.lo, precision: 256), exact, cap: Evidence.storedDigits)
        let e = Evidence.assess(r.certificate, independent: [("corrupted closed form", digits)], target: 25)
        #expect(abs(e.certifiedDigits - 20) < 1.5)
        #expect(e.disagreement?.contains("corrupted closed form") == true)
        var config = quickConfig(["rotation-blocks-n4-seed1"], [])
        config.certifier.targetDigits = 25
        let record = ReferenceCertifier.record(r, evidence: e, targetDigits: config.certifier.targetDigits)
        #expect(!record.certified && record.note?.contains("below the target") == true)
    }

    @Test("the best independent pair decides; claims never exceed what hi + lo stores")
    func rules() {
        let cert = Certificate(method: "m", bits: [256, 192], scalings: [1, 2], degrees: [30, 20],
                               normwiseDigits: 55, componentwiseDigits: 50, seconds: 0)
        let e = Evidence.assess(cert, independent: [("a", .init(normwise: 27, componentwise: 20)),
                                                    ("b", .init(normwise: 29, componentwise: 25))], target: 25)
        #expect(e.certifiedDigits == 29 && e.basis.contains(" b"))
        #expect(Evidence.assess(cert, independent: [], target: 25).certifiedDigits == 31)
    }
}

@Suite("κ_exp in runs")
struct KappaInRunsTests {
    @Test("each case carries κ_exp: exact up to n = 16, estimated above; error/(κu) uses max(1, κ)")
    func kappaRecorded() throws {
        let run = Runner(config: quickConfig(["randn-s1.0-n4-seed1", "randn-s0.1-n64-seed1"], [Pade13Higham05<Double>()])).run()
        let small = run.cases[0].reference.evidence, larger = run.cases[1].reference.evidence
        #expect(small.kappaExact == true && larger.kappaExact == false)
        let a = CaseSpec(id: "randn-s1.0-n4-seed1")!.matrix()
        #expect(small.kappa == ExpCondition.exact(a))
        // The estimate is a lower bound of the exact value within a factor 3 (tested in
        // ExpConditionEstimateTests); here only that it is a sensible positive number.
        #expect((larger.kappa ?? 0) > 0)
        let r = run.cases[0].results[0]
        let e = try #require(r.errors?.normwiseRelative)
        #expect(r.errorOverKappaU == e / (max(1, small.kappa!) * 0x1p-53))
        #expect(r.boundBasis == .kappaExact && run.cases[1].results[0].boundBasis == .kappaEstimate)
    }
}
