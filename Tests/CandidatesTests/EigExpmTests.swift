import Foundation
import Testing
import TestSupport
import Linalg
@testable import Candidates

/// max_ij |x_ij − e_ij| / max_ij |e_ij|: the normwise relative error in the max norm.
func relativeError<T: BLASScalar>(_ x: Matrix<T>, _ e: Matrix<Double>) -> Double {
    maxAbsDifference(x, e) / e.maxAbs
}

/// `eig` (Moler & Van Loan 2003, Method 14): exact on what it should be exact on, wrong where theory
/// says it must be, counted as 1 eigendecomposition + 1 complex solve.
///
/// Error model for the diagonalisable cases (Moler & Van Loan 2003 §6; Higham, Functions of Matrices,
/// §4.5): geev is backward stable, so each λ_j is off by about u·‖A‖·κ(λ_j), which moves e^{λ_j}
/// by about u·‖A‖·κ(λ_j)·|e^{λ_j}|; forming V·e^Λ and solving with V adds about u·κ(V)·‖exp(A)‖.
/// For the small matrices here that gives relative errors ≤ c·u·κ(V)·max(1, ‖A‖₁) with a modest c;
/// c = 16 leaves a margin of ≥ 3.5 over the largest ratio observed (4.5: float32, the 3×3 symmetric
/// Q·D·Qᵀ, 12.7 u at ‖A‖₁ = 2.8; the rotations reach 2.2, the complex pair 2.4 u in all).
@Suite("eig")
struct EigExpmTests {
    static let c = 16.0

    // MARK: diagonalisable, closed forms

    @Test("diagonal: e^{d_i} on the diagonal, to the scalar exp's rounding; zeros stay zero", arguments: WorkingPrecision.allCases)
    func diagonalInput(_ p: WorkingPrecision) throws { try checkDiagonal(p.type) }

    func checkDiagonal<T: BLASScalar>(_: T.Type) throws {
        let d: [T] = [1, -2, 0.5, 3]
        let r = try EigExpm<T>().exp(diagonal(d))
        #expect(r.choice == ExpmChoice(approximant: "eig", degree: nil, scaling: 0))
        let u = unitRoundoff(T.self)
        for i in 0..<4 {
            for j in 0..<4 where j != i { #expect(r.value[i, j] == 0) }
            // V is a permutation of I (unit vectors, exact), so only the scalar exp rounds: ≤ 1 ulp of
            // glibc's exp/expf (≤ 2u relative), and the solve with a permutation is exact.
            let rel = abs(Double(r.value[i, i]) / Foundation.exp(Double(d[i])) - 1)
            #expect(rel <= 2 * u, "entry \(i): \(rel / u) u")
        }
    }

    @Test("rotation [[0,−θ],[θ,0]] (eigenvalues ±iθ) gives [[cos,−sin],[sin,cos]]",
          arguments: WorkingPrecision.allCases, [0.5, 2.0, 10.0, 30.0, 100.0])
    func rotations(_ p: WorkingPrecision, theta: Double) throws { try checkRotation(theta, p.type) }

    /// Normal, so κ₂(V) = 1 and κ(λ) = 1: λ = ±iθ is off by about u·θ, which is the error of e^{±iθ}.
    func checkRotation<T: BLASScalar>(_ theta: Double, _: T.Type) throws {
        let t = T(theta)
        let r = try EigExpm<T>.evaluate(rotationGenerator(t))
        let u = unitRoundoff(T.self)
        let err = maxAbsDifference(r.value, rotation(Double(t)))
        #expect(err <= Self.c * u * max(1, theta), "error \(err / u) u")
        // The exact X is real; the discarded imaginary part is rounding of the same order.
        #expect(Double(r.imaginaryMax) <= Self.c * u * max(1, theta), "imaginary part \(Double(r.imaginaryMax) / u) u")
    }

    @Test("symmetric [[2,1],[1,2]]: ½[[e³+e, e³−e],[e³−e, e³+e]]", arguments: WorkingPrecision.allCases)
    func symmetric2(_ p: WorkingPrecision) throws { try checkSymmetric2(p.type) }

    func checkSymmetric2<T: BLASScalar>(_: T.Type) throws {
        let r = try EigExpm<T>().exp(matrix([[2, 1], [1, 2]]))
        let e1 = Foundation.exp(1.0), e3 = Foundation.exp(3.0)
        let expected: Matrix<Double> = matrix([[(e3 + e1) / 2, (e3 - e1) / 2], [(e3 - e1) / 2, (e3 + e1) / 2]])
        let rel = relativeError(r.value, expected)
        // Symmetric: κ₂(V) = 1; ‖A‖₁ = 3.
        #expect(rel <= Self.c * unitRoundoff(T.self) * 3, "\(rel / unitRoundoff(T.self)) u")
    }

    @Test("symmetric Q·D·Qᵀ with Q = [[1,2,2],[2,1,−2],[2,−2,1]]/3 (orthogonal)", arguments: WorkingPrecision.allCases)
    func symmetric3(_ p: WorkingPrecision) throws { try checkSymmetric3(p.type) }

    func checkSymmetric3<T: BLASScalar>(_: T.Type) throws {
        let m: Matrix<Double> = matrix([[1, 2, 2], [2, 1, -2], [2, -2, 1]])  // M·Mᵀ = 9I
        // D = 9·diag(−1/8, 1/16, 1/4), so A = M·diag(−1/8, 1/16, 1/4)·Mᵀ has exact dyadic entries in
        // both precisions (the products below are exact).
        let a = naiveProduct(naiveProduct(m, diagonal([-1.0 / 8, 1.0 / 16, 1.0 / 4])), m.transposed)
        let d = [-9.0 / 8, 9.0 / 16, 9.0 / 4]
        let expected = naiveProduct(naiveProduct(m, diagonal(d.map { Foundation.exp($0) })), m.transposed).divided(by: 9)
        let r = try EigExpm<T>().exp(a.converted(to: T.self))
        let rel = relativeError(r.value, expected)
        #expect(rel <= Self.c * unitRoundoff(T.self) * max(1, a.norm1), "\(rel / unitRoundoff(T.self)) u")
    }

    @Test("upper triangular [[a,b],[0,c]], a ≠ c: [[e^a, b(e^a−e^c)/(a−c)],[0, e^c]]",
          arguments: WorkingPrecision.allCases, [(1.0, 1.0, -2.0), (0.5, 3.0, -1.5), (2.0, -1.0, -3.0), (1.0, 100.0, -2.0)])
    func upperTriangular(_ p: WorkingPrecision, abc: (Double, Double, Double)) throws {
        try checkUpper(abc, p.type)
    }

    func checkUpper<T: BLASScalar>(_ abc: (Double, Double, Double), _: T.Type) throws {
        let (a, b, c) = abc
        let r = try EigExpm<T>().exp(matrix([[a, b], [0, c]]))
        let ea = Foundation.exp(a), ec = Foundation.exp(c)
        let expected: Matrix<Double> = matrix([[ea, b * (ea - ec) / (a - c)], [0, ec]])
        // V = [[1, x],[0, y]] with unit columns at angle φ, sin φ = |a−c|/√(b²+(a−c)²), and
        // κ₂(V) = cot(φ/2) ≤ 2/sin φ ≤ 2·(1 + |b|/|a−c|).
        let kappa = 2 * (1 + abs(b) / abs(a - c))
        let norm = max(abs(a), abs(c)) + abs(b)
        let rel = relativeError(r.value, expected)
        #expect(rel <= Self.c * unitRoundoff(T.self) * kappa * norm, "\(rel / unitRoundoff(T.self)) u")
    }

    // MARK: complex pairs

    /// A = S·B·S⁻¹ with B = [[a,−b,0],[b,a,0],[0,0,c]] (eigenvalues a ± ib and c) and S unimodular
    /// (S⁻¹ has integer entries), so A is exact in both precisions and exp(A) = S·exp(B)·S⁻¹ with
    /// exp(B) = [[e^a cos b, −e^a sin b, 0],[e^a sin b, e^a cos b, 0],[0, 0, e^c]].
    static let s: Matrix<Double> = matrix([[1, 1, 0], [0, 1, 1], [0, 0, 1]])
    static let sInverse: Matrix<Double> = matrix([[1, -1, 1], [0, 1, -1], [0, 0, 1]])
    static let (pa, pb, pc) = (0.5, 1.5, -1.0)

    static var pairMatrix: Matrix<Double> {
        let b: Matrix<Double> = matrix([[pa, -pb, 0], [pb, pa, 0], [0, 0, pc]])
        return naiveProduct(naiveProduct(s, b), sInverse)
    }

    static var pairExp: Matrix<Double> {
        let ea = Foundation.exp(pa)
        let e: Matrix<Double> = matrix([
            [ea * cos(pb), -ea * sin(pb), 0], [ea * sin(pb), ea * cos(pb), 0], [0, 0, Foundation.exp(pc)],
        ])
        return naiveProduct(naiveProduct(s, e), sInverse)
    }

    @Test("geev's packed pair unpacks to eigenvectors: A·v_j = λ_j·v_j, v_{j+1} = conj(v_j)", arguments: WorkingPrecision.allCases)
    func unpacking(_ p: WorkingPrecision) throws { try checkUnpacking(p.type) }

    func checkUnpacking<T: BLASScalar>(_: T.Type) throws {
        let a = Self.pairMatrix.converted(to: T.self)
        let e = try a.eigendecomposition()
        let v = e.vectors
        let n = 3
        // One real eigenvalue and one pair, the positive imaginary part first.
        let pairStart = try #require((0..<(n - 1)).first { e.valuesImaginary[$0] != 0 })
        #expect(e.valuesImaginary[pairStart] > 0)
        #expect(e.valuesImaginary[pairStart + 1] == -e.valuesImaginary[pairStart])
        #expect(e.valuesReal[pairStart + 1] == e.valuesReal[pairStart])
        for i in 0..<n {
            #expect(v[i, pairStart].re == v[i, pairStart + 1].re && v[i, pairStart].im == -v[i, pairStart + 1].im)
        }
        let u = unitRoundoff(T.self)
        let norm = Double(a.norm1)
        for j in 0..<n {
            let (lr, li) = (Double(e.valuesReal[j]), Double(e.valuesImaginary[j]))
            var residual = 0.0, vNorm = 0.0
            for i in 0..<n {
                var (sr, si) = (0.0, 0.0)
                for k in 0..<n {
                    sr += Double(a[i, k]) * Double(v[k, j].re)
                    si += Double(a[i, k]) * Double(v[k, j].im)
                }
                let (vr, vi) = (Double(v[i, j].re), Double(v[i, j].im))
                sr -= lr * vr - li * vi
                si -= lr * vi + li * vr
                residual = max(residual, (sr * sr + si * si).squareRoot())
                vNorm += vr * vr + vi * vi
            }
            // geev is backward stable: ‖A·v − λ·v‖ ≤ p(n)·u·‖A‖ for a unit v.
            #expect(abs(vNorm - 1) <= 8 * u, "column \(j) norm² \(vNorm)")
            #expect(residual <= Self.c * u * norm, "column \(j): residual \(residual / (u * norm)) u‖A‖₁")
        }
        // Pair values a ± ib and c, to the eigenvalues' rounding (κ(λ) ≤ κ(S)·… small here).
        let values = (0..<n).map { (Double(e.valuesReal[$0]), Double(e.valuesImaginary[$0])) }
        #expect(values.contains { abs($0.0 - Self.pa) <= Self.c * u * norm && abs($0.1 - Self.pb) <= Self.c * u * norm })
        #expect(values.contains { abs($0.0 - Self.pc) <= Self.c * u * norm && $0.1 == 0 })
    }

    @Test("real eigenvalue and complex pair: exp(A) = S·exp(B)·S⁻¹", arguments: WorkingPrecision.allCases)
    func complexPair(_ p: WorkingPrecision) throws { try checkComplexPair(p.type) }

    func checkComplexPair<T: BLASScalar>(_: T.Type) throws {
        let r = try EigExpm<T>.evaluate(Self.pairMatrix.converted(to: T.self))
        let expected = Self.pairExp
        let u = unitRoundoff(T.self)
        // κ₁(S) = ‖S‖₁·‖S⁻¹‖₁ = 2·3 = 6 bounds the conditioning of V up to the columns' scaling
        // (√2 for the pair); ‖A‖₁ = 5.
        let bound = Self.c * u * 6 * Self.pairMatrix.norm1
        let rel = relativeError(r.value, expected)
        #expect(rel <= bound, "\(rel / u) u")
        #expect(Double(r.imaginaryMax) / expected.maxAbs <= bound, "imaginary part \(Double(r.imaginaryMax)) ")
    }

    /// Independent cross-check against pade13-higham05 in float64: both are within ~1e-14 of exp(A)
    /// here (eig: c·u·κ·‖A‖₁ ≈ 16·6·5·u ≈ 5e-14; Padé: 32·u·‖A‖₁ ≈ 2e-14, its own tests' constant),
    /// so 1e-12 relative leaves a margin of ~20 while any unpacking or transposition slip (O(1)) fails.
    @Test("real eigenvalue and complex pair agree with pade13-higham05 to 1e-12 (float64)")
    func complexPairVersusPade() throws {
        let a = Self.pairMatrix
        let eig = try EigExpm<Double>().exp(a).value
        let pade = try Pade13Higham05<Double>().exp(a).value
        #expect(relativeError(eig, pade) <= 1e-12)
    }

    // MARK: where the control must fail

    /// Jordan blocks: V is singular in exact arithmetic. OpenBLAS's geev (LAPACK trevc) perturbs the
    /// zero pivot of its triangular solve, so for the 2×2 block it returns V = [[1, −1],[0, ε]] with
    /// ε ≈ u·|λ| (near the underflow threshold for λ = 0): V is invertible, the two eigenvalues are exactly equal, and
    /// V·(e^λ I)·V⁻¹ = e^λ·I — relative error 1 (the missing e^λ above the diagonal). The 3×3 block
    /// behaves alike for λ ≠ 0; for λ = 0 the third eigenvector's last entry is ε² = 0 exactly and the
    /// LU solve throws `LinalgError.singular` (pivot 3). Observed in both precisions.
    @Test("Jordan block [[λ,1],[0,λ]] and 3×3 shift + λI: thrown or relative error far above u",
          arguments: WorkingPrecision.allCases, [0.0, 1.0, -0.5, 3.0])
    func jordan(_ p: WorkingPrecision, lambda: Double) throws { try checkJordan(lambda, p.type) }

    func checkJordan<T: BLASScalar>(_ lambda: Double, _: T.Type) throws {
        let u = unitRoundoff(T.self)
        let e = Foundation.exp(lambda)
        let two: Matrix<T> = matrix([[lambda, 1], [0, lambda]])
        let three: Matrix<T> = matrix([[lambda, 1, 0], [0, lambda, 1], [0, 0, lambda]])
        let cases: [(Matrix<T>, Matrix<Double>)] = [
            (two, matrix([[e, e], [0, e]])),
            (three, matrix([[e, e, e / 2], [0, e, e], [0, 0, e]])),
        ]
        for (a, expected) in cases {
            do {
                let r = try EigExpm<T>().exp(a)
                let rel = relativeError(r.value, expected)
                #expect(rel > 1e3 * u, "n = \(a.rows): error only \(rel / u) u")
                #expect(rel >= 0.1, "n = \(a.rows): expected an O(1) error (e^λ·I), got \(rel)")
            } catch let error as LinalgError {
                #expect(error == .singular(pivot: a.rows), "n = \(a.rows): \(error)")
                #expect(lambda == 0 && a.rows == 3, "unexpected throw for λ = \(lambda), n = \(a.rows)")
            }
        }
    }

    /// Nearly defective [[a, b],[0, c]] with |b| ≫ |a − c|: κ(V) ≈ 2|b|/|a − c|. The off-diagonal entry
    /// comes out as b·(e^c − e^a)/(c − a) with e^c − e^a cancelling catastrophically, so the relative
    /// error is about u·|b|/|a − c|·e^a/‖exp(A)‖... ≈ u/|a − c|. In float32, 1 + 1e-10 rounds to 1:
    /// the matrix is exactly defective and the error is O(1). Observed (float64): 4.9e-7, 2.0e-11, 1.1e-8.
    @Test("nearly defective [[a, b],[0, a+δ]]: relative error far above u",
          arguments: WorkingPrecision.allCases, [(1.0, 1e8, 1 + 1e-10), (1.0, 1e4, 1 + 1e-6), (0.0, 1.0, 1e-8)])
    func nearlyDefective(_ p: WorkingPrecision, abc: (Double, Double, Double)) throws { try checkNearlyDefective(abc, p.type) }

    func checkNearlyDefective<T: BLASScalar>(_ abc: (Double, Double, Double), _: T.Type) throws {
        let m: Matrix<T> = matrix([[abc.0, abc.1], [0, abc.2]])
        // The closed form for the matrix as rounded to T, with e^a − e^c = e^c·expm1(a − c) (a − c is
        // exact by Sterbenz's lemma here) to avoid the cancellation the candidate suffers.
        let a = Double(m[0, 0]), b = Double(m[0, 1]), c = Double(m[1, 1])
        let off = a == c ? b * Foundation.exp(a) : b * Foundation.exp(c) * Foundation.expm1(a - c) / (a - c)
        let expected: Matrix<Double> = matrix([[Foundation.exp(a), off], [0, Foundation.exp(c)]])
        let u = unitRoundoff(T.self)
        let rel = relativeError(try EigExpm<T>().exp(m).value, expected)
        #expect(rel > 1e3 * u, "error only \(rel / u) u")
    }

    // MARK: cost, shapes, non-finite input

    @Test("cost: 1 eigendecomposition, 1 (complex) solve, 0 products; trivial shapes and non-finite input cost nothing")
    func counts() throws {
        let (r, n) = try OperationCounter.counting { try EigExpm<Double>().exp(Self.pairMatrix) }
        #expect(r.choice == ExpmChoice(approximant: "eig", degree: nil, scaling: 0))
        #expect(n == OperationCounter.Counts(products: 0, solves: 1, eigendecompositions: 1))
        let (_, f) = try OperationCounter.counting { try EigExpm<Float>().exp(rotationGenerator(Float(3))) }
        #expect(f == OperationCounter.Counts(products: 0, solves: 1, eigendecompositions: 1))
        let (_, one) = try OperationCounter.counting { try EigExpm<Double>().exp(Matrix(rows: 1, cols: 1, elements: [2])) }
        #expect(one == .init())
        let (_, empty) = try OperationCounter.counting { try EigExpm<Float>().exp(Matrix(rows: 0, cols: 0)) }
        #expect(empty == .init())
        let (nan, nanCounts) = try OperationCounter.counting {
            try EigExpm<Double>().exp(Matrix(rows: 2, cols: 2, elements: [1, .nan, 0, 1]))
        }
        #expect(nanCounts == .init())
        #expect(nan.value.elements.allSatisfy { $0.isNaN })
    }

    @Test("NaN or infinite entries: all-NaN result, not a throw", arguments: WorkingPrecision.allCases)
    func nonFinite(_ p: WorkingPrecision) throws { try checkNonFinite(p.type) }

    func checkNonFinite<T: BLASScalar>(_: T.Type) throws {
        for bad in [T.nan, T.infinity, -T.infinity] {
            var a: Matrix<T> = matrix([[1, 2, 0], [0, 1, 3], [4, 0, 1]])
            a[2, 1] = bad
            let r = try EigExpm<T>().exp(a)
            #expect(r.value.elements.allSatisfy { $0.isNaN })
            #expect(r.choice == ExpmChoice(approximant: "eig", degree: nil, scaling: 0))
        }
    }

    @Test("0×0 returns itself, 1×1 the scalar exp", arguments: WorkingPrecision.allCases)
    func trivialShapes(_ p: WorkingPrecision) throws { try checkTrivial(p.type) }

    func checkTrivial<T: BLASScalar>(_: T.Type) throws {
        let empty = try EigExpm<T>().exp(Matrix<T>(rows: 0, cols: 0))
        #expect(empty.value.rows == 0 && empty.choice.approximant == "empty")
        let one = try EigExpm<T>().exp(Matrix(rows: 1, cols: 1, elements: [T(0.25)]))
        #expect(one.value.elements == [ScalarExponential.exp(T(0.25))])
        #expect(one.choice == ExpmChoice(approximant: "1x1", degree: nil, scaling: 0))
    }
}
