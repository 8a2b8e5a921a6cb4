import Linalg
@testable import Measurement
import Testing


@Suite("Error metrics")
struct ErrorMetricsTests {
    /// E = diag(2, 4), X = [[2.5, 0.1], [0, 4]]: the difference has column sums 0.5 and 0.1, so the
    /// normwise error is 0.5/‖E‖₁ = 0.5/4; entry (0,0) is off by 0.5/2 = 0.25; entry (0,1) has a zero
    /// reference and counts 0.1/max|E| = 0.025; the largest absolute error is 0.5.
    @Test("hand-computed 2×2 example")
    func handExample() {
        let e = Matrix<Double>(rows: 2, cols: 2, elements: [2, 0, 0, 4])
        let x = Matrix<Double>(rows: 2, cols: 2, elements: [2.5, 0, 0.1, 4])
        let m = ErrorMetrics(x: x, hi: e, lo: Matrix(rows: 2, cols: 2))
        #expect(m.normwiseRelative == 0.125)
        #expect(m.componentwiseRelative == 0.25)
        #expect(m.worstEntry == [0, 0])
        #expect(m.maxAbsolute == 0.5)
    }

    @Test("a zero-reference entry is measured against the largest entry")
    func zeroReferenceEntry() {
        let e = Matrix<Double>(rows: 2, cols: 2, elements: [2, 0, 0, 4])
        let x = Matrix<Double>(rows: 2, cols: 2, elements: [2, 0, 0.4, 4])
        let m = ErrorMetrics(x: x, hi: e, lo: Matrix(rows: 2, cols: 2))
        #expect(m.componentwiseRelative == 0.1)
        #expect(m.worstEntry == [0, 1])
    }

    /// The low part of the reference is used: X = 1 against E = 1 + 1e-20 is off by 1e-20, which a
    /// Double-only reference could not express.
    @Test("the double-double reference resolves errors below Double's rounding")
    func lowPart() {
        let one = Matrix<Double>(rows: 1, cols: 1, elements: [1])
        let lo = Matrix<Double>(rows: 1, cols: 1, elements: [1e-20])
        let m = ErrorMetrics(x: one, hi: one, lo: lo)
        #expect(m.normwiseRelative == 1e-20)
        #expect(m.componentwiseRelative == 1e-20)
    }

    @Test("an exact result has zero error, and 0×0 is handled")
    func exactAndEmpty() {
        let e = Matrix<Double>(rows: 2, cols: 2, elements: [1, 2, 3, 4])
        #expect(ErrorMetrics(x: e, hi: e, lo: Matrix(rows: 2, cols: 2)).normwiseRelative == 0)
        let empty = Matrix<Double>(rows: 0, cols: 0)
        let m = ErrorMetrics(x: empty, hi: empty, lo: empty)
        #expect(m.normwiseRelative == 0 && m.maxAbsolute == 0 && m.worstEntry == nil)
    }

    @Test("the bound is c·max(1, κ)·u, uncapped; ≥ 1/2 means the problem allows no correct digit")
    func bound() {
        #expect(Verdict.bound(unitRoundoff: 0x1p-53, kappa: 0.5) == 50 * 0x1p-53)  // κ < 1 counts as 1
        #expect(Verdict.bound(unitRoundoff: 0x1p-24, kappa: 8) == 50 * 0x1p-24 * 8)
        // At κ = 1e8 in Float, c·κ·u ≈ 300: conditioning alone allows any answer of the right size.
        #expect(Verdict.bound(unitRoundoff: 0x1p-24, kappa: 1e8) == 50 * 0x1p-24 * 1e8)
        #expect(Verdict.bound(unitRoundoff: 0x1p-24, kappa: 1e8) > Verdict.noCorrectDigit)
        #expect(Verdict.bound(unitRoundoff: 0x1p-53, kappa: 1e13) < Verdict.noCorrectDigit)
    }

    @Test("the bound's κ: the evidence's when finite, else ‖A‖₁, with the basis named")
    func boundBasis() {
        #expect(BoundBasis.choose(kappa: 3, exact: true, inputNorm1: 7) == (3, .kappaExact))
        #expect(BoundBasis.choose(kappa: 3, exact: false, inputNorm1: 7) == (3, .kappaEstimate))
        #expect(BoundBasis.choose(kappa: nil, exact: nil, inputNorm1: 7) == (7, .normSurrogate))
        #expect(BoundBasis.choose(kappa: .infinity, exact: false, inputNorm1: 7) == (7, .normSurrogate))
        #expect(BoundBasis.choose(kappa: .nan, exact: true, inputNorm1: 7) == (7, .normSurrogate))
    }
}
