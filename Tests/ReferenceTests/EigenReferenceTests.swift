import Dispatch
import Foundation
import Linalg
import Reference
import Testing

/// The eigendecomposition witness against closed forms (512-bit MPFR, see TestSupport.swift) and
/// against the Taylor reference, and its refusals.
///
/// Tolerances: when the witness accepts, it promises ‖value − exp(A)‖₁ ≤ errorBound·‖exp(A)‖₁
/// with errorBound ≤ 2^-103, so every accepted case checks the measured normwise error against
/// the witness's own `errorBound` (the bound must hold, not merely be small), and hi + lo against
/// errorBound + 2^-105 (hi/lo rounding adds at most 2^-106 relative per entry, and the closed
/// forms' own 2^-500 is invisible). Against Taylor, 30 digits is the promise of the acceptance
/// rule (the Taylor value is good to ≈ 2^-200 here, see `tolerance256`).
@Suite("EigenReference: exp = V·e^Λ·V⁻¹ witness")
struct EigenReferenceTests {
    /// Computes the witness, requires acceptance, and checks it against `exact`.
    @discardableResult
    func check(_ a: Matrix<Double>, exact: MPMatrix) -> EigenExp? {
        let outcome = EigenReference.compute(a)
        guard let r = outcome.value else {
            Issue.record("refused: \(outcome.reason ?? "?")")
            return nil
        }
        #expect(r.order == a.rows)
        #expect(r.errorBound <= EigenReference.requiredErrorBound)
        #expect(normwiseError(r.value, exact) <= r.errorBound)
        let hiLo = MPMatrix.fromHiLo(r.hi, r.lo, precision: closedFormBits)
        #expect(normwiseError(hiLo, exact) <= r.errorBound + 0x1p-105)
        #expect(r.guaranteedDigits >= 30)
        return r
    }

    @Test("Diagonal with distinct entries: e^{d_i} on the diagonal",
          arguments: [[-30.0, -1, 0, 0.5, 20], [1e-3, -2e-3, 7], [2.5]])
    func diagonal(d: [Double]) {
        let a = Matrix(order: d.count) { i, j in i == j ? d[i] : 0 }
        check(a, exact: mpMatrix(order: d.count, precision: closedFormBits) { i, j in
            i == j ? mp(d[i]).exp() : mp(0)
        })
    }

    @Test("Rotation generator [[0, −θ], [θ, 0]] (eigenvalues ±iθ)", arguments: [0.1, 1, 3, 10, 100])
    func rotation(theta: Double) {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [0, theta, -theta, 0])
        let c = mp(theta).cos(), s = mp(theta).sin()
        check(a, exact: mpMatrix(order: 2, precision: closedFormBits) { i, j in
            i == j ? c : (i == 1 ? s : -s)
        })
    }

    @Test("Complex pair with real part: [[a, −θ], [θ, a]] → e^a·rotation(θ)",
          arguments: [(-2.0, 0.5), (1.5, 7.0)])
    func scaledRotation(a: Double, theta: Double) {
        let m = Matrix<Double>(rows: 2, cols: 2, elements: [a, theta, -theta, a])
        let ea = mp(a).exp(), c = mp(theta).cos() * ea, s = mp(theta).sin() * ea
        check(m, exact: mpMatrix(order: 2, precision: closedFormBits) { i, j in
            i == j ? c : (i == 1 ? s : -s)
        })
    }

    @Test("Symmetric 2×2 [[a, b], [b, a]] → e^a·[[cosh b, sinh b], [sinh b, cosh b]]",
          arguments: [(0.0, 1.0), (-3.0, 0.25), (2.0, -5.0)])
    func symmetric2(a: Double, b: Double) {
        let m = Matrix<Double>(rows: 2, cols: 2, elements: [a, b, b, a])
        let ea = mp(a).exp(), ep = mp(b).exp(), em = mp(-b).exp(), half = mp(0.5)
        let cosh = half * (ep + em) * ea, sinh = half * (ep - em) * ea
        check(m, exact: mpMatrix(order: 2, precision: closedFormBits) { i, j in i == j ? cosh : sinh })
    }

    /// T = a·I + b·(S + Sᵀ) (S the shift) has eigenvalues λ_k = a + 2b·cos(kπ/(n+1)) and
    /// orthonormal eigenvectors s_k(j) = √(2/(n+1))·sin(jkπ/(n+1)), j, k = 1…n, so
    /// exp(T)_ij = 2/(n+1)·Σ_k e^{λ_k}·sin(ikπ/(n+1))·sin(jkπ/(n+1)).
    @Test("Symmetric tridiagonal Toeplitz against its spectral closed form", arguments: [3, 6, 10])
    func symmetricTridiagonal(n: Int) {
        let a = 0.5, b = -1.25
        let m = Matrix<Double>(order: n) { i, j in i == j ? a : (abs(i - j) == 1 ? b : 0) }
        let h = MPFloat.pi(precision: closedFormBits) / mp(Double(n + 1))
        let e = (1...n).map { k in (mp(a) + mp(2 * b) * (h * mp(Double(k))).cos()).exp() }
        let exact = mpMatrix(order: n, precision: closedFormBits) { i, j in
            var sum = mp(0)
            for k in 1...n {
                sum = sum + e[k - 1] * (h * mp(Double((i + 1) * k))).sin() * (h * mp(Double((j + 1) * k))).sin()
            }
            return sum * mp(2) / mp(Double(n + 1))
        }
        check(m, exact: exact)
    }

    @Test("Non-normal 2×2 [[a, b], [0, c]] → [[e^a, b(e^a − e^c)/(a − c)], [0, e^c]]",
          arguments: [(1.0, 2.0, -1.0), (-1, 100, -1.5), (2, -3, -5)])
    func nonNormal(a: Double, b: Double, c: Double) {
        let m = Matrix<Double>(rows: 2, cols: 2, elements: [a, 0, b, c])
        let ea = mp(a).exp(), ec = mp(c).exp()
        let off = mp(b) * (ea - ec) / (mp(a) - mp(c))
        check(m, exact: mpMatrix(order: 2, precision: closedFormBits) { i, j in
            i == 0 ? (j == 0 ? ea : off) : (j == 0 ? mp(0) : ec)
        })
    }

    @Test("Random N(0,1) matrices agree with TaylorReference to ≥ 30 digits", arguments: [8, 32])
    func randomAgainstTaylor(n: Int) {
        var g = SplitMix64(seed: 4242 + UInt64(n))
        for _ in 0..<2 {
            let a = g.gaussianMatrix(n)
            let outcome = EigenReference.compute(a)
            guard let r = outcome.value else {
                Issue.record("refused: \(outcome.reason ?? "?")")
                continue
            }
            let taylor = TaylorReference.exponential(a, bits: 256)
            let digits = Agreement.digits(taylor, r.value, cap: 60)
            #expect(digits.normwise >= 30)
            // The Taylor value is good to ≈ 2^-200, so the witness's bound must cover the gap.
            #expect(normwiseError(r.value, taylor) <= r.errorBound + 0x1p-190)
            let reference = TaylorReference.compute(a)
            let hiLoDigits = Agreement.digits(
                hi1: reference.hi, lo1: reference.lo, hi2: r.hi, lo2: r.lo, cap: 60)
            #expect(hiLoDigits.normwise >= 30)
        }
    }

    // MARK: - Refusals

    @Test("Jordan block [[λ, 1], [0, λ]] is refused", arguments: [0.0, 1.0, -2.5])
    func jordan(lambda: Double) {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [lambda, 0, 1, lambda])
        #expect(EigenReference.compute(a).value == nil)
    }

    @Test("The 5×5 shift matrix is refused")
    func shift() {
        let a = Matrix<Double>(order: 5) { i, j in j == i + 1 ? 1 : 0 }
        #expect(EigenReference.compute(a).value == nil)
    }

    @Test("Near-defective [[1, 1], [0, 1 + 2^-52]] is refused")
    func nearDefective() {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [1, 0, 1, 1 + 0x1p-52])
        let outcome = EigenReference.compute(a)
        #expect(outcome.value == nil)
        #expect(outcome.reason?.contains("error bound") == true)
    }

    /// S·J·S⁻¹ with J the 3×3 Jordan block for 2 and S = L·U (unit triangular integer factors),
    /// so A is an integer matrix with a single defective eigenvalue. Unlike a triangular Jordan
    /// block, geev splits it into three eigenvalues ≈ 10^-5 apart, so the separation rule does
    /// not catch it and refinement must.
    @Test("A non-triangular defective matrix S·J·S⁻¹ is refused")
    func similarJordan() {
        let a = Matrix<Double>(rows: 3, cols: 3, elements: [1, 0, 1, 1, 2, -1, 0, 1, 3])
        #expect(EigenReference.compute(a).value == nil)
    }

    @Test("Repeated eigenvalues (2·I) are refused")
    func repeated() {
        #expect(EigenReference.compute(Matrix(order: 3) { i, j in i == j ? 2 : 0 }).value == nil)
    }

    @Test("Non-finite input is refused", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(x: Double) {
        let a = Matrix<Double>(rows: 2, cols: 2, elements: [1, x, 0, 2])
        #expect(EigenReference.compute(a).value == nil)
    }

    @Test("Orders above the limit are refused")
    func orderLimit() {
        var g = SplitMix64(seed: 5)
        let a = g.gaussianMatrix(6)
        #expect(EigenReference.compute(a, maximumOrder: 5).value == nil)
        #expect(EigenReference.compute(a, maximumOrder: 6).value != nil)
    }

    @Test("0×0 and 1×1")
    func tiny() {
        let empty = EigenReference.compute(Matrix(rows: 0, cols: 0)).value
        #expect(empty?.order == 0)
        let one = EigenReference.compute(Matrix(order: 1) { _, _ in 0.75 }).value
        #expect(one.map { normwiseError($0.value, mpMatrix(order: 1, precision: closedFormBits) { _, _ in mp(0.75).exp() }) <= $0.errorBound } == true)
    }

    // MARK: - Thread safety

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: (Matrix<Double>, Matrix<Double>)] = [:]
        func set(_ i: Int, _ r: (Matrix<Double>, Matrix<Double>)) { lock.withLock { values[i] = r } }
        func get(_ i: Int) -> (Matrix<Double>, Matrix<Double>)? { lock.withLock { values[i] } }
    }

    @Test("Concurrent computations equal sequential ones bit for bit")
    func concurrent() {
        var g = SplitMix64(seed: 77)
        let inputs = [g.gaussianMatrix(9), g.gaussianMatrix(12, scale: 3),
                      Matrix<Double>(rows: 2, cols: 2, elements: [0, 3, -3, 0]), g.gaussianMatrix(7)]
        let sequential = inputs.map { EigenReference.compute($0).value.map { ($0.hi, $0.lo) } }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
            if let r = EigenReference.compute(inputs[i]).value { results.set(i, (r.hi, r.lo)) }
        }
        for i in inputs.indices {
            guard let s = sequential[i], let c = results.get(i) else {
                Issue.record("missing result \(i)")
                continue
            }
            #expect(s.0.elements.map(\.bitPattern) == c.0.elements.map(\.bitPattern))
            #expect(s.1.elements.map(\.bitPattern) == c.1.elements.map(\.bitPattern))
        }
    }
}
