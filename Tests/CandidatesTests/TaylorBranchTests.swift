import Foundation
import Testing
import TestSupport
import Linalg
@testable import Candidates

/// Which branch each Taylor-family candidate takes, and what it costs.
@Suite("Taylor family: branches and costs")
struct TaylorBranchTests {
    @Test("thresholds: PyTorch's digits")
    func thresholds() {
        #expect(TaylorBBC18Thresholds.float32.bands.map(\.theta) == [
            1.192092800768788e-07, 5.978858893805233e-04, 5.116619363445086e-02, 5.800524627688768e-01,
            1.461661507209034e+00, 3.010066362817634e+00,
        ])
        #expect(TaylorBBC18Thresholds.float64.bands.map(\.theta) == [
            2.220446049250313e-16, 2.580956802971767e-08, 3.397168839976962e-04, 4.991228871115323e-02,
            2.996158913811580e-01, 1.090863719290036e+00,
        ])
        #expect(TaylorBBC18Thresholds.float32.bands.map(\.degree) == [1, 2, 4, 8, 12, 18])
        #expect(TaylorBBC18<Float>.thresholds == .float32 && TaylorBBC18<Double>.thresholds == .float64)
    }

    /// Where the θ come from, recomputed: with h_m(x) = log(e^{−x}·T_m(x)) = Σ_{k>m} h_k x^k (the backward
    /// error of T_m is A·h_m(A)/A), θ_m is the root of Σ_k |h_k|·θ^{k−1} = u (the criterion of Al-Mohy &
    /// Higham 2009 that BBC 2019 apply to T_m). h' = T_m'/T_m − 1 = −(x^m/m!)/T_m(x), so
    /// h_k = −r_{k−1−m}/(m!·k) with r = 1/T_m (r_0 = 1, r_n = −Σ_{j=1}^{min(n,m)} r_{n−j}/j!); 200 terms
    /// (the series converges: the zeros of T_18 lie well beyond θ18). Solved by bisection in Double; the
    /// sum's relative rounding error (≲ 200·u₆₄ ≈ 2e-14) moves the root by at most that over m, so
    /// agreement to 1e-13 is the test. Measured: every θ of both precisions agrees with PyTorch's digits to
    /// within 2 ulps of Double (and to 16 digits with the same computation in 50-digit arithmetic).
    @Test("θ_m are the roots of the backward-error criterion Σ|h_k|θ^{k−1} = u, both precisions")
    func thresholdsFromCriterion() {
        func theta(degree m: Int, u: Double) -> Double {
            let terms = 200
            var r = [1.0]
            for n in 1..<terms {
                var sum = 0.0
                for j in 1...min(n, m) { sum -= r[n - j] / factorial(j) }
                r.append(sum)
            }
            // |h_k| for k = m+1 … m+terms.
            let h = (0..<terms).map { abs(r[$0]) / (factorial(m) * Double($0 + m + 1)) }
            func criterion(_ x: Double) -> Double {
                var sum = 0.0, power = Foundation.pow(x, Double(m))  // x^{k−1} for k = m + 1
                for hk in h {
                    sum += hk * power
                    power *= x
                }
                return sum
            }
            var (low, high) = (0.0, 8.0)
            for _ in 0..<200 {
                let mid = (low + high) / 2
                if criterion(mid) <= u { low = mid } else { high = mid }
            }
            return low
        }
        for (t, u) in [(TaylorBBC18Thresholds.float32, 0x1p-24), (TaylorBBC18Thresholds.float64, 0x1p-53)] {
            for band in t.bands {
                let derived = theta(degree: band.degree, u: u)
                #expect(abs(derived / band.theta - 1) < 1e-13, "θ\(band.degree) for u = \(u): derived \(derived), PyTorch \(band.theta)")
            }
        }
    }

    /// For each θ_m (rounded to T): one ulp below, at, and one ulp above, plus the midpoint of each band;
    /// the result at a band is the band's scheme itself, bitwise. ‖A‖₁ = θ12 exactly takes T18 (s = 0),
    /// as in PyTorch. Above θ18: s = k at exactly θ18·2^k and k + 1 one ulp above.
    @Test("taylor-bbc18: choice at, just below and just above every θ, and at band midpoints", arguments: WorkingPrecision.allCases)
    func bbc18Branches(_ p: WorkingPrecision) throws {
        try checkBBC18(p.type)
    }

    func checkBBC18<T: BLASScalar>(_: T.Type) throws {
        let candidate = TaylorBBC18<T>()
        let schemes: [Int: (Matrix<T>) -> Matrix<T>] = [
            1: { TaylorBBC18Scheme.t1($0) }, 2: { TaylorBBC18Scheme.t2($0) }, 4: { TaylorBBC18Scheme.t4($0) },
            8: { TaylorBBC18Scheme.t8($0) }, 12: { TaylorBBC18Scheme.t12($0) }, 18: { TaylorBBC18Scheme.t18($0) },
        ]
        func input(_ norm: T) -> Matrix<T> { diagonal([-norm, norm / 4]) }
        func run(_ norm: T) throws -> ExpmResult<T> { try candidate.exp(input(norm)) }
        func label(_ m: Int, _ s: Int = 0) -> ExpmChoice { ExpmChoice(approximant: "T\(m)", degree: m, scaling: s) }

        let bands = TaylorBBC18<T>.thresholds.bands
        var lower = T(0)
        for (i, band) in bands.enumerated() {
            let theta = T(band.theta)
            let m = band.degree
            let mid = (lower + theta) / 2
            let atMid = try run(mid)
            #expect(atMid.choice == label(m), "midpoint of T\(m)'s band")
            #expect(atMid.value == schemes[m]!(input(mid)), "the T\(m) band must return T\(m) itself")
            #expect(try run(theta.nextDown).choice == label(m), "just below θ\(m)")
            let next = i + 1 < bands.count ? bands[i + 1].degree : 18
            let at = m == 12 ? label(18) : label(m)  // the tie at θ12 goes to T18, as in PyTorch
            #expect(try run(theta).choice == at, "at θ\(m)")
            #expect(try run(theta.nextUp).choice == label(next, m == 18 ? 1 : 0), "just above θ\(m)")
            lower = theta
        }
        let theta18 = T(bands[5].theta)
        for k in 1...6 {
            let norm = theta18 * T(1 << k)  // exact: s = k, one ulp above s = k + 1
            let r = try run(norm)
            #expect(r.choice == label(18, k))
            #expect(try run(norm.nextUp).choice == label(18, k + 1))
            #expect(r.value == ScalingAndSquaring.squared(TaylorBBC18Scheme.t18(ScalingAndSquaring.scaled(input(norm), by: k)), times: k))
        }
    }

    /// taylor-bbc18-fixed: T18 always, s from the norm only; identical to taylor-bbc18 wherever that takes
    /// T18 (same code), and T18 itself below θ18.
    @Test("taylor-bbc18-fixed: T18 at every norm, s as taylor-bbc18's", arguments: WorkingPrecision.allCases)
    func fixedBranches(_ p: WorkingPrecision) throws {
        try checkFixed(p.type)
    }

    func checkFixed<T: BLASScalar>(_: T.Type) throws {
        func input(_ norm: T) -> Matrix<T> { diagonal([-norm, norm / 4]) }
        let theta18 = T(TaylorBBC18<T>.thresholds.theta18)
        for band in TaylorBBC18<T>.thresholds.bands {
            for norm in [T(band.theta).nextDown, T(band.theta) / 2, T(band.theta)] {
                let r = try TaylorBBC18Fixed<T>().exp(input(norm))
                #expect(r.choice == ExpmChoice(approximant: "T18-fixed", degree: 18, scaling: 0))
                #expect(r.value == TaylorBBC18Scheme.t18(input(norm)))
            }
        }
        for k in 1...6 {
            let norm = theta18 * T(1 << k)
            for (x, s) in [(norm, k), (norm.nextUp, k + 1)] {
                let fixed = try TaylorBBC18Fixed<T>().exp(input(x))
                let bbc = try TaylorBBC18<T>().exp(input(x))
                #expect(fixed.choice == ExpmChoice(approximant: "T18-fixed", degree: 18, scaling: s))
                #expect(fixed.value == bbc.value && bbc.choice.scaling == s)
            }
        }
    }

    @Test("taylor-naive: T12-naive with s = 0 at every norm", arguments: WorkingPrecision.allCases)
    func naiveBranch(_ p: WorkingPrecision) throws {
        try checkNaive(p.type)
    }

    func checkNaive<T: BLASScalar>(_: T.Type) throws {
        for norm in [T(1e-9), T(0.1), T(3), T(1000)] {
            let a = diagonal([-norm, norm / 4])
            let r = try TaylorNaive<T>().exp(a)
            #expect(r.choice == ExpmChoice(approximant: "T12-naive", degree: 12, scaling: 0))
            #expect(r.value == TaylorNaiveScheme.horner(a, degree: 12))
        }
    }

    // MARK: costs

    func counts<C: ExpmCandidate>(_ c: C, _ a: Matrix<C.Scalar>) throws -> (ExpmChoice, OperationCounter.Counts) {
        let (r, n) = try OperationCounter.counting { try c.exp(a) }
        return (r.choice, n)
    }

    /// Read off the schemes: T1 0 products, T2 1, T4 2, T8 3, T12 4 (A², A³, B4², (B2 + A6)·A6),
    /// T18 5 (A², A³, A⁶, B1·B5, (B3 + A9)·A9), plus s squarings; never a solve.
    @Test("taylor-bbc18: 0, 1, 2, 3, 4, 5 products for T1 … T18, plus s squarings", arguments: WorkingPrecision.allCases)
    func bbc18Costs(_ p: WorkingPrecision) throws {
        try checkBBC18Costs(p.type)
    }

    func checkBBC18Costs<T: BLASScalar>(_: T.Type) throws {
        let products = [1: 0, 2: 1, 4: 2, 8: 3, 12: 4, 18: 5]
        for k in TaylorBandCase.norms(T.self == Float.self ? .float32 : .float64) {
            let (choice, n) = try counts(TaylorBBC18<T>(), rotationGenerator(T(k.0)))
            #expect(choice.degree == k.1)
            #expect(n == OperationCounter.Counts(products: products[k.1]! + choice.scaling!, solves: 0), "\(choice)")
        }
    }

    @Test("taylor-bbc18-fixed: 5 + s products; taylor-naive: 11 products (m − 1 by Horner)", arguments: WorkingPrecision.allCases)
    func fixedAndNaiveCosts(_ p: WorkingPrecision) throws {
        try checkFixedAndNaiveCosts(p.type)
    }

    func checkFixedAndNaiveCosts<T: BLASScalar>(_: T.Type) throws {
        for norm in [T(1e-3), T(1), T(20), T(500)] {
            let (fixed, nf) = try counts(TaylorBBC18Fixed<T>(), rotationGenerator(norm))
            #expect(nf == OperationCounter.Counts(products: 5 + fixed.scaling!, solves: 0), "\(fixed)")
            let (_, nn) = try counts(TaylorNaive<T>(), rotationGenerator(norm))
            #expect(nn == OperationCounter.Counts(products: 11, solves: 0))
        }
        #expect(try counts(TaylorBBC18Fixed<T>(), Matrix(rows: 1, cols: 1, elements: [2])).1 == .init())
        #expect(try counts(TaylorNaive<T>(), Matrix(rows: 0, cols: 0)).1 == .init())
    }
}

/// taylor-naive is a control: accurate where the first omitted term x^13/13! is below u, useless far
/// beyond, which is what the harness must show.
@Suite("taylor-naive as a control")
struct TaylorNaiveControlTests {
    /// At ‖A‖₁ = 20 the truncation error is of the order of the first omitted terms (20^13/13! ≈ 1.3e7,
    /// the largest near k = 20: 20^20/20! ≈ 4.3e7) against a result of size 1 (rotation) or e^-20 (the
    /// diagonal): the error must exceed 1e3 times the a-priori bound that taylor-bbc18 meets on the same
    /// input. Measured (both precisions): rotation max entry error 6.3e6; diag(−20, −10): entry 5.3e6
    /// where e^-20 = 2.1e-9, relative error 2.6e15.
    @Test("fails at ‖A‖₁ = 20: error > 1e3 × taylor-bbc18's bound", arguments: WorkingPrecision.allCases)
    func failsAtLargeNorm(_ p: WorkingPrecision) throws {
        try checkFails(p.type)
    }

    func checkFails<T: BLASScalar>(_: T.Type) throws {
        let theta = T(20)
        let rotationInput = rotationGenerator(theta)
        let naive = try TaylorNaive<T>().exp(rotationInput)
        let bbc = try TaylorBBC18<T>().exp(rotationInput)
        let bound = TaylorBounds.matrix(bbc.choice, norm: 20, n: 2, growth: 2.0.squareRoot(), T.self)
        let naiveError = maxAbsDifference(naive.value, rotation(20))
        #expect(naiveError > 1e3 * bound, "naive error \(naiveError), bbc18 bound \(bound)")
        #expect(maxAbsDifference(bbc.value, rotation(20)) <= bound)

        let diagonalInput = diagonal([T(-20), T(-10)])
        let naiveDiagonal = try TaylorNaive<T>().exp(diagonalInput)
        let bbcDiagonal = try TaylorBBC18<T>().exp(diagonalInput)
        let relative = abs(Double(naiveDiagonal.value[0, 0]) / Foundation.exp(-20) - 1)
        let relativeBound = TaylorBounds.diagonal(bbcDiagonal.choice, entry: -20, n: 2, T.self)
        #expect(relative > 1e3 * relativeBound, "naive relative error \(relative), bbc18 bound \(relativeBound)")
    }

    /// At ‖A‖₁ ≤ 0.1 the omitted terms are ≤ 0.1^13/13!·e^0.1 ≈ 1.8e-23: only rounding is left, within
    /// (11n + 24)·u·M(‖A‖₁) (`TaylorBounds`, M(0.1) ≈ 1.1). Measured on rotations: ≤ 0.39 u (float32),
    /// ≤ 1 u (float64).
    @Test("accurate at ‖A‖₁ ≤ 0.1", arguments: WorkingPrecision.allCases, [0.001, 0.03, 0.1])
    func accurateAtSmallNorm(_ p: WorkingPrecision, norm: Double) throws {
        try checkAccurate(norm, p.type)
    }

    func checkAccurate<T: BLASScalar>(_ norm: Double, _: T.Type) throws {
        let theta = T(norm)
        let r = try TaylorNaive<T>().exp(rotationGenerator(theta))
        let bound = TaylorBounds.matrix(r.choice, norm: Double(theta), n: 2, growth: 2.0.squareRoot(), T.self)
        #expect(maxAbsDifference(r.value, rotation(Double(theta))) <= bound)
        let d = try TaylorNaive<T>().exp(diagonal([-theta, theta / 2]))
        for (i, v) in [-Double(theta), Double(theta) / 2].enumerated() {
            let relative = abs(Double(d.value[i, i]) / Foundation.exp(v) - 1)
            #expect(relative <= TaylorBounds.diagonal(d.choice, entry: v, n: 2, T.self))
        }
    }
}
