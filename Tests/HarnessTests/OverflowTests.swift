import Candidates
@testable import Certification
import Foundation
import Linalg
@testable import Measurement
import Reference
import Testing


@Suite("Overflow and underflow of exp(A) in the target precision")
struct OverflowTests {
    /// As in a run: κ_exp exact when exp(A) is finite in Double, else ‖A‖₁ in its place.
    func evaluate(_ c: any ExpmCandidate, _ a: Matrix<Double>) -> CandidateRecord {
        let runner = Runner(config: quickConfig([], [c]))
        let ref = TaylorReference.compute(a)
        var evidence = Evidence.assess(ref.certificate, independent: [], target: 25)
        if ref.hi.isFinite { (evidence.kappa, evidence.kappaExact) = (ExpCondition.exact(a), true) }
        var record = ReferenceCertifier.record(ref, evidence: evidence, targetDigits: 25)
        record.certified = true  // judged, whatever the self-check alone certifies
        return runner.evaluate(c, on: a, reference: CertifiedReference(reference: ref, cached: false, evidence: evidence, record: record),
                               productSeconds: 1).0
    }

    /// e^800 ≈ 2.7e347 is beyond Double: the right float64 answer there is +Inf, and the other entry
    /// must still be accurate. e^100 ≈ 2.7e43 is finite in Double but beyond Float (3.4e38).
    @Test("±Inf where exp(A) overflows the precision is the right answer, not a failure")
    func overflowIsRight() {
        let d = evaluate(Pade13Higham05<Double>(), Matrix(rows: 2, cols: 2, elements: [800, 0, 0, 1]))
        #expect(d.outcome == .ok && d.verdict == .pass && d.errors?.overflowEntries == 1, "\(d)")
        #expect(d.boundBasis == .normSurrogate)
        let f = evaluate(Pade13Higham05<Float>(), Matrix(rows: 2, cols: 2, elements: [100, 0, 0, 1]))
        #expect(f.outcome == .ok && f.verdict == .pass && f.errors?.overflowEntries == 1, "\(f)")
        // The same matrix in float64 does not overflow: nothing is skipped.
        let f64 = evaluate(Pade13Higham05<Double>(), Matrix(rows: 2, cols: 2, elements: [100, 0, 0, 1]))
        #expect(f64.errors?.overflowEntries == 0 && f64.verdict == .pass)
    }

    @Test("a finite value where exp(A) overflows, or Inf where it is finite, is not an answer")
    func wrongInfinities() {
        let range = ExpectedRange(Matrix(rows: 1, cols: 2, elements: [.infinity, 2]), precision: .float64)
        #expect(range.check(Matrix(rows: 1, cols: 2, elements: [.infinity, 2])) == nil)
        #expect(range.check(Matrix(rows: 1, cols: 2, elements: [1e300, 2]))?.contains("overflows") == true)
        #expect(range.check(Matrix(rows: 1, cols: 2, elements: [.infinity, .infinity]))?.contains("finite") == true)
        #expect(range.check(Matrix(rows: 1, cols: 2, elements: [.nan, 2]))?.contains("NaN") == true)
    }

    /// e^-800 ≈ 3.6e-348 underflows Double to 0; an entry below the smallest normal is measured like
    /// an exact zero (against max|E|), so returning 0 there costs nothing, and the componentwise error
    /// is that of the e^1 entry, within the normwise bound c·κ·u (κ ≈ 801 here; s ≈ 8 squarings of e^{1/2^s}
    /// cost ~s·u each, far below it); without the rule it would be 1 (or Inf).
    @Test("entries that underflow are not asked for relative accuracy")
    func underflow() {
        let r = evaluate(Pade13Higham05<Double>(), Matrix(rows: 2, cols: 2, elements: [-800, 0, 0, 1]))
        #expect(r.outcome == .ok && r.verdict == .pass)
        #expect((r.errors?.componentwiseRelative ?? 1) <= r.bound)
    }

    /// ‖A‖₁ = 10²⁰ is finite in Double, but e^(10²⁰) overflows even MPFR's exponents: the reference has
    /// NaN, and the note must blame exp(A), not an input it has checked to be finite.
    @Test("a reference beyond MPFR's range is explained as such, not as a non-finite input")
    func beyondMPFR() {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [1e20, -1e20, 1e20, 1e20])
        let certified = ReferenceCertifier(cache: nil).certify(a, spec: nil)
        #expect(!certified.record.certified)
        #expect(certified.record.note?.contains("beyond even MPFR's exponent range") == true, "\(certified.record.note ?? "")")
    }
}
