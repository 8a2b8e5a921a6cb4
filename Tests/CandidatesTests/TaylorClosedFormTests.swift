import Foundation
import Testing
import TestSupport
import Linalg
@testable import Candidates

/// The three Taylor-family candidates, as a test argument.
enum TaylorCandidate: String, CaseIterable, Sendable, CustomStringConvertible {
    case bbc18 = "taylor-bbc18", fixed = "taylor-bbc18-fixed", naive = "taylor-naive"
    var description: String { rawValue }

    func exp<T: BLASScalar>(_ a: Matrix<T>) throws -> ExpmResult<T> {
        switch self {
        case .bbc18: return try TaylorBBC18<T>().exp(a)
        case .fixed: return try TaylorBBC18Fixed<T>().exp(a)
        case .naive: return try TaylorNaive<T>().exp(a)
        }
    }

    /// The choice this candidate must make at ‖A‖₁ = `norm` (in T), given taylor-bbc18's band.
    func expectedChoice(bbc18Degree m: Int, scaling s: Int) -> ExpmChoice {
        switch self {
        case .bbc18: return ExpmChoice(approximant: "T\(m)", degree: m, scaling: m == 18 ? s : 0)
        case .fixed: return ExpmChoice(approximant: "T18-fixed", degree: 18, scaling: s)
        case .naive: return ExpmChoice(approximant: "T12-naive", degree: 12, scaling: 0)
        }
    }
}

/// ‖A‖₁ at the midpoint of one of taylor-bbc18's degree bands, or in its scaling regime.
struct TaylorBandCase: Sendable, CustomStringConvertible {
    var candidate: TaylorCandidate
    var precision: WorkingPrecision
    var norm: Double
    /// taylor-bbc18's degree at this norm.
    var degree: Int
    var description: String { "\(candidate) \(precision) ‖A‖₁=\(norm) (bbc18 band T\(degree))" }

    static func thresholds(_ p: WorkingPrecision) -> TaylorBBC18Thresholds { p == .float32 ? .float32 : .float64 }

    /// Midpoints of the six bands, then 3·θ18 and 100·θ18 (scaling, s = 2 and 7).
    static func norms(_ p: WorkingPrecision) -> [(Double, Int)] {
        let bands = thresholds(p).bands
        var r = [(bands[0].theta / 2, 1)]
        for i in 1..<bands.count { r.append(((bands[i - 1].theta + bands[i].theta) / 2, bands[i].degree)) }
        let t18 = thresholds(p).theta18
        return r + [(3 * t18, 18), (100 * t18, 18)]
    }

    /// taylor-naive is a control: in the closed-form tests it runs only where it is meant to be accurate,
    /// ‖A‖₁ ≤ θ12 (its failure above is `TaylorNaiveControlTests`).
    static let all: [TaylorBandCase] = TaylorCandidate.allCases.flatMap { c in
        WorkingPrecision.allCases.flatMap { p in
            norms(p).filter { c != .naive || $0.0 <= thresholds(p).theta12 }
                .map { TaylorBandCase(candidate: c, precision: p, norm: $0.0, degree: $0.1) }
        }
    }

    /// The scaling s = max(0, ⌈log2(‖A‖₁/θ18)⌉) at this norm (no norm here is near a power-of-two
    /// multiple of θ18, so a floating-point log2 is safe).
    func scaling<T: BLASScalar>(_: T.Type) -> Int {
        let ratio = Double(T(norm)) / Double(T(Self.thresholds(precision).theta18))
        return max(0, Int(Foundation.log2(ratio).rounded(.up)))
    }
}

/// Closed forms for every Taylor-family candidate, per precision, with the a-priori bounds of
/// `TaylorBounds` (derived, not fitted). They are worst-case bounds and loose: measured errors are
/// 25× (diagonal) to 10⁴× (the 4×4 cases, where the G² and n factors are pessimistic) below them; the
/// rotations (≥ 75× below) and the exact coefficient checks of `TaylorSchemeExpansionTests` are the
/// sharp ones.
@Suite("Taylor family on closed forms")
struct TaylorClosedFormTests {
    /// [[0, −θ], [θ, 0]] ↦ [[cos θ, −sin θ], [sin θ, cos θ]]. Growth G = max_t ‖e^{tA}‖₁ = max(|cos| + |sin|)
    /// ≤ √2. Measured max entry errors (error/bound ≤ 0.013 throughout):
    /// - float64: ≤ 2 u up to θ18 for taylor-bbc18 and -fixed, 2.75 u at ‖A‖₁ = 3.27 (s = 2), 89 u at 109
    ///   (s = 7), i.e. ≤ 0.84·u·max(1, θ).
    /// - float32, taylor-bbc18: ≤ 0.25 u in the bands of T1 … T12, then T18 10.8 u at 2.24, 85 u at 9.03
    ///   (s = 2, 9.4·u·θ) and 2012 u at 301 (s = 7, 6.7·u·θ), where pade13-higham05 stays within
    ///   1·u·max(1, θ) on rotations. Finding: float32's θ18 = 3.01 lets T18's terms cancel (M(3.01) = 70
    ///   against |e^{iθ}| = 1), and squaring doubles that error s times.
    /// - float32, taylor-bbc18-fixed: where taylor-bbc18 uses a lower degree, T18 is less accurate:
    ///   2.0 u at 0.32 (T8: 0.15 u) and 6.9 u at 1.02 (T12: 0.12 u).
    /// - taylor-naive, ‖A‖₁ ≤ θ12: ≤ 0.25 u.
    @Test("rotations: every band midpoint and the scaling regime", arguments: TaylorBandCase.all)
    func rotations(_ k: TaylorBandCase) throws {
        try checkRotation(k, k.precision.type)
    }

    func checkRotation<T: BLASScalar>(_ k: TaylorBandCase, _: T.Type) throws {
        let theta = T(k.norm)
        let r = try k.candidate.exp(rotationGenerator(theta))
        #expect(r.choice == k.candidate.expectedChoice(bbc18Degree: k.degree, scaling: k.scaling(T.self)))
        let err = maxAbsDifference(r.value, rotation(Double(theta)))
        let bound = TaylorBounds.matrix(r.choice, norm: Double(theta), n: 2, growth: 2.0.squareRoot(), T.self)
        #expect(err <= bound, "\(r.choice): error \(err / unitRoundoff(T.self)) u, bound \(bound / unitRoundoff(T.self)) u")
    }

    /// diag(x, −x/2) ↦ diag(e^x, e^{−x/2}) entry by entry, relative (`TaylorBounds.diagonal`; the negative
    /// entry is the hard one: the alternating sum cancels by M(|w|)·e^{|w|}, and squaring doubles the
    /// relative error s times). ‖A‖₁ = 100·θ18 is skipped in float32, where e^301 overflows. Measured:
    /// at most 204 u (float64, x = −54.5, s = 7); error/bound ≤ 0.04.
    @Test("diagonal: matches the scalar exponential entry by entry", arguments: TaylorBandCase.all.filter {
        $0.precision == .float64 || $0.norm < 80
    })
    func diagonalEntries(_ k: TaylorBandCase) throws {
        try checkDiagonal(k, k.precision.type)
    }

    func checkDiagonal<T: BLASScalar>(_ k: TaylorBandCase, _: T.Type) throws {
        let x = T(k.norm), y = -T(k.norm) / 2
        let r = try k.candidate.exp(diagonal([x, y]))
        #expect(r.choice == k.candidate.expectedChoice(bbc18Degree: k.degree, scaling: k.scaling(T.self)))
        for (i, v) in [Double(x), Double(y)].enumerated() {
            let relative = abs(Double(r.value[i, i]) / Foundation.exp(v) - 1)
            let bound = TaylorBounds.diagonal(r.choice, entry: v, n: 2, T.self)
            #expect(relative <= bound, "entry \(i) (\(v)): \(relative / unitRoundoff(T.self)) u, bound \(bound / unitRoundoff(T.self)) u")
        }
        #expect(r.value[0, 1] == 0 && r.value[1, 0] == 0)
    }

    /// Strictly upper triangular N (N³ = 0): exp(N) = I + N + N²/2, and so is every T_m(N) for m ≥ 2 and
    /// (T_m(N/2^s))^(2^s): only rounding separates the result from the closed form. G = max_t ‖e^{tN}‖₁
    /// ≤ 1 + ν + ν²/2 with ν = ‖N‖₁. (T1 at ‖N‖₁ ≤ θ1 misses N²/2 ≤ θ1²/2, far below u.)
    @Test("nilpotent 3×3: exp(N) = I + N + N²/2", arguments: TaylorCandidate.allCases, WorkingPrecision.allCases)
    func nilpotent(_ c: TaylorCandidate, _ p: WorkingPrecision) throws {
        try checkNilpotent(c, p.type)
    }

    func checkNilpotent<T: BLASScalar>(_ c: TaylorCandidate, _: T.Type) throws {
        let th = TaylorBBC18<T>.thresholds
        // ‖N‖₁ = 1.75·scale: inside T2, T8, T12, T18 and (bbc18, fixed) the scaling regime.
        var scales = [th.theta2 / 2, th.theta8 / 2, (th.theta8 + th.theta12) / 3.5, th.theta18 / 2]
        scales = scales.map { $0 / 1.75 }
        if c != .naive { scales += [4.0, 40.0] }
        for scale in scales {
            let n: Matrix<T> = matrix([[0, 0.75 * scale, -0.5 * scale], [0, 0, 1.25 * scale], [0, 0, 0]])
            let r = try c.exp(n)
            let (ta, tb, tc) = (Double(n[0, 1]), Double(n[0, 2]), Double(n[1, 2]))
            let expected: Matrix<Double> = matrix([[1, ta, tb + ta * tc / 2], [0, 1, tc], [0, 0, 1]])
            let nu = Double(n.norm1)
            let bound = TaylorBounds.matrix(r.choice, norm: nu, n: 3, growth: 1 + nu + nu * nu / 2, T.self)
            let err = maxAbsDifference(r.value, expected)
            #expect(err <= bound, "\(r.choice) ‖N‖₁=\(nu): error \(err), bound \(bound)")
        }
    }

    /// A fixed non-normal 4×4 matrix with a negative diagonal, scaled to ‖A‖₁ = `norm`.
    static func nonNormal<T: BLASScalar>(norm: Double, _: T.Type) -> Matrix<T> {
        let base: Matrix<Double> = matrix([
            [-1, 2, 0.5, -0.3], [0, -1.5, 1, 0.4], [0.2, 0, -2, 1.2], [0.1, -0.3, 0, -1],
        ])
        return (norm / base.norm1 * base).converted(to: T.self)
    }

    /// The 1-norm logarithmic norm μ₁(A) = max_j (a_jj + Σ_{i≠j} |a_ij|): ‖e^{tA}‖₁ ≤ e^{t·μ₁(A)}.
    static func logNorm<T: BLASScalar>(_ a: Matrix<T>) -> Double {
        (0..<a.cols).map { j in
            (0..<a.rows).reduce(0.0) { $0 + (($1 == j) ? Double(a[$1, j]) : abs(Double(a[$1, j]))) }
        }.max()!
    }

    /// exp(Aᵀ) = exp(A)ᵀ up to rounding (the products run in a different order on Aᵀ). Both are within the
    /// a-priori bound of the truth, with G = e^{max(0, μ₁(A), μ₁(Aᵀ))}. Measured differences: ≤ 4 u.
    @Test("exp(Aᵀ) = exp(A)ᵀ to rounding", arguments: TaylorCandidate.allCases, WorkingPrecision.allCases)
    func transpose(_ c: TaylorCandidate, _ p: WorkingPrecision) throws {
        try checkTranspose(c, p.type)
    }

    func checkTranspose<T: BLASScalar>(_ c: TaylorCandidate, _: T.Type) throws {
        let norms = c == .naive ? [0.05, TaylorBBC18<T>.thresholds.theta12 / 2] : [0.1, 1.0, 3.0]
        for norm in norms {
            let a = Self.nonNormal(norm: norm, T.self)
            let e = try c.exp(a)
            let et = try c.exp(a.transposed)
            let g = Foundation.exp(max(0, Self.logNorm(a), Self.logNorm(a.transposed)))
            let bound = TaylorBounds.matrix(e.choice, norm: Double(a.norm1), n: 4, growth: g, T.self)
                + TaylorBounds.matrix(et.choice, norm: Double(a.transposed.norm1), n: 4, growth: g, T.self)
            let diff = maxAbsDifference(et.value, e.value.transposed.converted(to: Double.self))
            #expect(diff <= bound, "‖A‖₁=\(norm) \(e.choice): difference \(diff), bound \(bound)")
        }
    }

    /// A skew-symmetric 4×4 matrix scaled to ‖S‖₁ = `norm`: e^{tS} is orthogonal, so
    /// G = max_t ‖e^{tS}‖₁ ≤ √4·‖e^{tS}‖₂ = 2 at every norm, and exp(S)·exp(−S) = I is well conditioned.
    static func skew<T: BLASScalar>(norm: Double, _: T.Type) -> Matrix<T> {
        let base: Matrix<Double> = matrix([
            [0, 0.7, -1.1, 0.3], [-0.7, 0, 0.4, -0.9], [1.1, -0.4, 0, 0.6], [-0.3, 0.9, -0.6, 0],
        ])
        return (norm / base.norm1 * base).converted(to: T.self)
    }

    /// exp(S)·exp(−S) = I: with E₁, E₂ the errors of the two factors (each within the bound B in every
    /// entry, so ‖E‖₁ ≤ 4·B), ‖e^S E₂ + E₁ e^{−S}‖₁ ≤ 2·G·4·B, plus the Double product's own rounding
    /// 4·u₆₄·G². Measured: ≤ 48 u (float64, ‖S‖₁ = 30, s = 5), ≤ 21 u (float32); the bound is loose
    /// here (float32 at ‖S‖₁ = 30: 0.16), so this mostly guards against gross errors.
    @Test("exp(S)·exp(−S) ≈ I (skew-symmetric S)", arguments: TaylorCandidate.allCases, WorkingPrecision.allCases)
    func inverse(_ c: TaylorCandidate, _ p: WorkingPrecision) throws {
        try checkInverse(c, p.type)
    }

    func checkInverse<T: BLASScalar>(_ c: TaylorCandidate, _: T.Type) throws {
        let norms = c == .naive ? [0.05, TaylorBBC18<T>.thresholds.theta12 / 2] : [0.1, 1.0, 3.0, 30.0]
        let g = 2.0
        for norm in norms {
            let a = Self.skew(norm: norm, T.self)
            let e = try c.exp(a)
            let f = try c.exp(Matrix(rows: 4, cols: 4, elements: a.elements.map { -$0 }))
            let product = naiveProduct(e.value.converted(to: Double.self), f.value.converted(to: Double.self))
            let err = maxAbsDifference(product, Matrix<Double>.identity(4))
            let b = max(TaylorBounds.matrix(e.choice, norm: Double(a.norm1), n: 4, growth: g, T.self),
                        TaylorBounds.matrix(f.choice, norm: Double(a.norm1), n: 4, growth: g, T.self))
            let bound = 2 * g * 4 * b + 4 * unitRoundoff(Double.self) * g * g
            #expect(err <= bound, "‖S‖₁=\(norm) \(e.choice): error \(err), bound \(bound)")
        }
    }

    @Test("0×0 returns itself; 1×1 returns the scalar exp", arguments: TaylorCandidate.allCases, WorkingPrecision.allCases)
    func trivialSizes(_ c: TaylorCandidate, _ p: WorkingPrecision) throws {
        try checkTrivial(c, p.type)
    }

    func checkTrivial<T: BLASScalar>(_ c: TaylorCandidate, _: T.Type) throws {
        let empty = try c.exp(Matrix<T>(rows: 0, cols: 0))
        #expect(empty.value.rows == 0 && empty.choice == ExpmChoice(approximant: "empty", degree: nil, scaling: 0))
        for x in [T(-3.5), T(0), T(0.25), T(20)] {
            let one = try c.exp(Matrix(rows: 1, cols: 1, elements: [x]))
            #expect(one.value.elements == [ScalarExponential.exp(x)])
            #expect(one.choice == ExpmChoice(approximant: "1x1", degree: nil, scaling: 0))
        }
    }
}
