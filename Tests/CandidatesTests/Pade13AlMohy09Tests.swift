import Foundation
import Testing
import TestSupport
import Linalg
@testable import Candidates

/// Points inside the bands of pade13-almohy09, for matrices whose d_k all equal ‖A‖₁ (rotations,
/// diagonals): then η = ‖A‖₁ and the bands are those of θ_m, with θ13 = 4.25 in float64.
enum AlMohyBandCase {
    static let all: [BandCase] = [
        .init(precision: .float64, norm: 0.0125, degree: 3, scaling: 0, driver: "η"),
        .init(precision: .float64, norm: 0.2, degree: 5, scaling: 0, driver: "η"),
        .init(precision: .float64, norm: 0.875, degree: 7, scaling: 0, driver: "η"),
        .init(precision: .float64, norm: 2.0, degree: 9, scaling: 0, driver: "η"),
        .init(precision: .float64, norm: 4.0, degree: 13, scaling: 0, driver: "η"),
        .init(precision: .float64, norm: 5.0, degree: 13, scaling: 1, driver: "η"),
        .init(precision: .float64, norm: 16.0, degree: 13, scaling: 2, driver: "η"),
        .init(precision: .float64, norm: 100.0, degree: 13, scaling: 5, driver: "η"),
        .init(precision: .float32, norm: 0.375, degree: 3, scaling: 0, driver: "η"),
        .init(precision: .float32, norm: 1.5, degree: 5, scaling: 0, driver: "η"),
        .init(precision: .float32, norm: 3.5, degree: 7, scaling: 0, driver: "η"),
        .init(precision: .float32, norm: 12.0, degree: 7, scaling: 2, driver: "η"),
        .init(precision: .float32, norm: 100.0, degree: 7, scaling: 5, driver: "η"),
    ]
}

@Suite("pade13-almohy09")
struct Pade13AlMohy09Tests {
    /// Error constant in units of u·max(1, ‖A‖₁), as for pade13-higham05 (see `Pade13Higham05Tests.c`):
    /// truncation ≤ u (η ≤ θ_m), ≤ 6 products and one well-conditioned solve on tiny matrices, and the
    /// squarings doubling the relative error while ‖A‖₁ doubles. Valid where η = ‖A‖₁ (normal input).
    static let c = 32.0

    // MARK: c_{2m+1} against its definition

    /// n! in UInt128.
    static func factorial(_ n: Int) -> UInt128 { (1...max(1, n)).reduce(UInt128(1)) { $0 * UInt128($1) } }

    /// From the definition h_{2m+1}(x) = log(e^{−x}·r_m(x)): its leading coefficient is that of
    /// e^{−x}·r_m(x) − 1 = (p_m(x) − e^x·q_m(x))/(e^x·q_m(x)), i.e. [x^{2m+1}](p_m − e^x·q_m)/q_m(0). With the
    /// Padé integers b_j (p_m = Σ b_j x^j, q_m = Σ (−1)^j b_j x^j, degree m < 2m+1), that is
    /// c_{2m+1} = −S/((2m+1)!·b_0), S = Σ_j (−1)^j·b_j·(2m+1)!/(2m+1−j)! — an integer sum, computed exactly.
    /// The closed form predicts S = (−1)^m·m!, hence 1/|c_{2m+1}| = b_0·(2m+1)!/m!, which must equal
    /// `PadeBackwardError`'s integer; and the authors' constants (expm_new.m's `Coeff`, the reciprocals
    /// of 100800, 10059033600, …) must come out.
    @Test("c_{2m+1} from the definition equals the closed form and the authors' constants", arguments: 1...13)
    func leadingCoefficient(m: Int) {
        let b = PadeCoefficients.integers(degree: m).map { Int128($0) }
        var sum: Int128 = 0
        for j in 0...m {
            var ratio: Int128 = 1  // (2m+1)!/(2m+1−j)!
            if j > 0 { for k in (2 * m + 2 - j)...(2 * m + 1) { ratio *= Int128(k) } }
            sum += (j % 2 == 0 ? 1 : -1) * b[j] * ratio
        }
        let mFactorial = Int128(Self.factorial(m))
        #expect(sum == (m % 2 == 0 ? mFactorial : -mFactorial), "m = \(m): S = \(sum)")
        let fromDefinition = UInt128(b[0]) * (Self.factorial(2 * m + 1) / Self.factorial(m))
        #expect(PadeBackwardError.reciprocalLeadingCoefficient(degree: m) == fromDefinition)
        let authors: [Int: UInt128] = [
            3: 100_800, 5: 10_059_033_600, 7: 4_487_938_430_976_000, 9: 5_914_384_781_877_411_840_000,
            13: 113_250_775_606_021_113_483_283_660_800_000_000,
        ]
        if let value = authors[m] {
            #expect(PadeBackwardError.reciprocalLeadingCoefficient(degree: m) == value)
            #expect(PadeBackwardError.reciprocalLeadingCoefficientDouble(degree: m) == Double(value))
        }
    }

    /// The index slip of scipy's first `_ell` (the closed form at 2m+1 instead of m) gives a different,
    /// far smaller |c|: make sure ours is not that.
    @Test("not the 2m+1-for-m slip: 1/|c_7| is 100800, not C(14,7)·15!")
    func notTheIndexSlip() {
        let slipped = UInt128(PadeCoefficients.binomial(14, 7)) * Self.factorial(15)
        #expect(PadeBackwardError.reciprocalLeadingCoefficient(degree: 3) != slipped)
        #expect(PadeBackwardError.reciprocalLeadingCoefficient(degree: 3) == 100_800)
    }

    // MARK: Schedules

    @Test("schedules: float64 is Algorithm 5.1 (θ3…θ9 of Higham 2005, θ13 = 4.25); float32 uses 3, 5 and 7")
    func schedules() {
        let d = Pade13AlMohy09<Double>.schedule
        #expect(d.unscaled.map(\.degree) == [3, 5, 7, 9])
        #expect(d.unscaled.map(\.theta) == [1.495585217958292e-2, 2.539398330063230e-1, 9.504178996162932e-1, 2.097847961257068])
        #expect(d.scaledDegree == 13 && d.scaledTheta == 4.25)
        let f = Pade13AlMohy09<Float>.schedule
        #expect(f.unscaled.map(\.degree) == [3, 5])
        #expect(f.unscaled.map(\.theta) == [4.258730016922831e-1, 1.880152677804762])
        #expect(f.scaledDegree == 7 && f.scaledTheta == 3.925724783138660)
        #expect(AlMohy09Schedule.alphaOrders(degree: 13) == [3, 4])
        #expect(AlMohy09Schedule.alphaOrders(degree: 7) == [3])
    }

    // MARK: Accuracy on normal input, per band

    @Test("rotation [[0,−θ],[θ,0]] in each band and when scaling", arguments: AlMohyBandCase.all)
    func rotations(_ k: BandCase) throws { try checkRotation(k, k.precision.type) }

    func checkRotation<T: BLASScalar>(_ k: BandCase, _: T.Type) throws {
        let theta = T(k.norm)
        let r = try Pade13AlMohy09<T>().exp(rotationGenerator(theta))
        #expect(r.choice == ExpmChoice(approximant: "P\(k.degree)", degree: k.degree, scaling: k.scaling))
        let err = maxAbsDifference(r.value, rotation(Double(theta)))
        let u = unitRoundoff(T.self)
        #expect(err <= Self.c * u * max(1, Double(theta)), "error \(err / u) u")
    }

    @Test("diag(x, −x/2) matches scalar exp in each band", arguments: AlMohyBandCase.all.filter { $0.norm < 50 })
    func scalarDiagonal(_ k: BandCase) throws { try checkDiagonal(k, k.precision.type) }

    func checkDiagonal<T: BLASScalar>(_ k: BandCase, _: T.Type) throws {
        let x = T(k.norm), y = -T(k.norm) / 2
        let r = try Pade13AlMohy09<T>().exp(diagonal([x, y]))
        #expect(r.choice == ExpmChoice(approximant: "P\(k.degree)", degree: k.degree, scaling: k.scaling))
        let u = unitRoundoff(T.self)
        for (i, v) in [Double(x), Double(y)].enumerated() {
            let relative = abs(Double(r.value[i, i]) / Foundation.exp(v) - 1)
            // As for pade13-higham05's diagonal test: p_m and q_m are sums of ≤ 14 terms, one alternating,
            // conditioned by r_m(|w|) ≈ e^{|w|} at the scaled w = v/2^s; ≤ 16·u·e^{|w|} with the division,
            // then ×2^s ≤ max(1, |v|) from the squarings.
            let w = abs(v) / Double(1 << k.scaling)
            #expect(relative <= 16 * u * max(1, abs(v)) * Foundation.exp(w), "entry \(i): \(relative / u) u")
        }
        #expect(r.value[0, 1] == 0 && r.value[1, 0] == 0)
    }

    /// Just below and above each θ_m (relative margin 10⁻⁹, far above the rounding of d_k = (x^k)^{1/k}):
    /// the degree switches where η crosses θ_m, for diag(x, x/4) (ℓ = 0 there: normal input).
    @Test("choice on both sides of every θ", arguments: WorkingPrecision.allCases)
    func bands(_ p: WorkingPrecision) throws { try checkBands(p.type) }

    func checkBands<T: BLASScalar>(_: T.Type) throws {
        let plan = Pade13AlMohy09<T>.schedule
        let margin = T.self == Float.self ? 1e-5 : 1e-9
        func choice(_ x: Double) throws -> ExpmChoice {
            try Pade13AlMohy09<T>().exp(diagonal([T(x), T(x / 4)])).choice
        }
        let degrees = plan.unscaled.map(\.degree) + [plan.scaledDegree]
        for (i, step) in plan.unscaled.enumerated() {
            #expect(try choice(step.theta * (1 - margin)) == ExpmChoice(approximant: "P\(step.degree)", degree: step.degree, scaling: 0))
            let next = degrees[i + 1]
            #expect(try choice(step.theta * (1 + margin)) == ExpmChoice(approximant: "P\(next)", degree: next, scaling: 0))
        }
        let m = plan.scaledDegree
        for k in 0...3 {
            let top = plan.scaledTheta * Double(1 << k)
            #expect(try choice(top * (1 - margin)) == ExpmChoice(approximant: "P\(m)", degree: m, scaling: k))
            #expect(try choice(top * (1 + margin)) == ExpmChoice(approximant: "P\(m)", degree: m, scaling: k + 1))
        }
    }

    // MARK: The d_k path

    /// Strictly upper triangular 3×3 N: N⁴ = N⁶ = 0 and |N|⁷ = 0, so η = max(d4, d6) = 0 and ℓ(3) = 0: r_3 with
    /// no scaling at every size of N, and r_3(N) = I + N + N²/2 exactly since N³ = 0 (r_3 agrees with exp to
    /// order 6). Error allowance as in `Pade13Higham05Tests.nilpotent`, relative to the entries' scale.
    @Test("nilpotent 3×3: P3, s = 0 at every norm, exp(N) = I + N + N²/2",
          arguments: WorkingPrecision.allCases, [0.01, 0.5, 1.5, 4.0, 40.0, 1e4])
    func nilpotent(_ p: WorkingPrecision, scale: Double) throws { try checkNilpotent(scale, p.type) }

    func checkNilpotent<T: BLASScalar>(_ scale: Double, _: T.Type) throws {
        let n: Matrix<T> = matrix([[0, 0.75 * scale, -0.5 * scale], [0, 0, 1.25 * scale], [0, 0, 0]])
        let r = try Pade13AlMohy09<T>().exp(n)
        #expect(r.choice == ExpmChoice(approximant: "P3", degree: 3, scaling: 0))
        let (ta, tb, tc) = (Double(n[0, 1]), Double(n[0, 2]), Double(n[1, 2]))
        let expected: Matrix<Double> = matrix([[1, ta, tb + ta * tc / 2], [0, 1, tc], [0, 0, 1]])
        let norm = Double(n.norm1)
        let err = maxAbsDifference(r.value, expected)
        #expect(err <= Self.c * unitRoundoff(T.self) * (1 + norm + norm * norm / 2), "error \(err)")
    }

    /// N = x·yᵀ with x and y on disjoint index sets (n = 8, so normest1 iterates instead of taking the
    /// exact path): N² = x(yᵀx)yᵀ = 0 and likewise |N|² = 0, so every d_k = 0 and ℓ(3) = 0 — r_3, s = 0
    /// whatever ‖N‖₁, where Higham 2005 scales by s ≈ log2(‖N‖₁/θ13). r_3(N) = (I − N/2)⁻¹(I + N/2) = I + N;
    /// the solve is with a block unit-triangular matrix, so the error is a few u relative to |N|.
    @Test("rank-one nilpotent 8×8: P3, s = 0 at every norm, exp(N) = I + N", arguments: WorkingPrecision.allCases, [1.0, 1e3, 1e6])
    func rankOneNilpotent(_ p: WorkingPrecision, norm: Double) throws { try checkRankOneNilpotent(norm, p.type) }

    func checkRankOneNilpotent<T: BLASScalar>(_ norm: Double, _: T.Type) throws {
        let x: [Double] = [0.5, -1, 0.25, 0.75, 0, 0, 0, 0]
        let y: [Double] = [0, 0, 0, 0, 1, -0.5, 0.125, 2]
        let base = Matrix<Double>(order: 8) { i, j in x[i] * y[j] }
        let n = (norm / base.norm1 * base).converted(to: T.self)
        let r = try Pade13AlMohy09<T>().exp(n)
        #expect(r.choice == ExpmChoice(approximant: "P3", degree: 3, scaling: 0))
        let expected = n.converted(to: Double.self).addingDiagonal(1)
        let err = maxAbsDifference(r.value, expected)
        #expect(err <= Self.c * unitRoundoff(T.self) * (1 + Double(n.norm1)), "error \(err)")
        let higham = try Pade13Higham05<T>().exp(n).choice.scaling!
        if norm >= 1e3 { #expect(higham >= 7, "Higham 2005 scales by s = \(higham) here") }
    }

    // MARK: Overscaling: [[1, b], [0, −1]]

    struct OverscalingCase: Sendable, CustomStringConvertible {
        var precision: WorkingPrecision
        var b: Double
        var blocks: Int
        var degree: Int
        var description: String { "\(precision) b=\(b) blocks=\(blocks)" }
        static let all: [OverscalingCase] = [
            .init(precision: .float64, b: 1e4, blocks: 1, degree: 9), .init(precision: .float64, b: 1e8, blocks: 1, degree: 9),
            .init(precision: .float64, b: 1e4, blocks: 3, degree: 9), .init(precision: .float64, b: 1e8, blocks: 3, degree: 9),
            .init(precision: .float32, b: 1e4, blocks: 1, degree: 5), .init(precision: .float32, b: 1e8, blocks: 1, degree: 5),
            .init(precision: .float32, b: 1e4, blocks: 3, degree: 5),
        ]
    }

    /// A = [[1, b], [0, −1]] (Al-Mohy & Higham's overscaling example; `blocks` copies on the diagonal, so
    /// normest1 iterates for blocks = 3): A² = I exactly, so every d_k = 1 while ‖A‖₁ = 1 + |b|. Then
    /// η = 1: float64 takes r_9 (θ7 < 1 ≤ θ9) and float32 r_5 (θ3 < 1 ≤ θ5), each with ℓ = 0 since
    /// α = |c_{2m+1}|·(1 + (2m+1)|b|)/(1 + |b|) ≈ (2m+1)·|c_{2m+1}| ≪ u. s = 0, where Higham 2005's
    /// s = ⌈log2(‖A‖₁/θ)⌉ is 12 to 25.
    ///
    /// exp(A) = [[e, b·sinh 1], [0, 1/e]]. Error allowance 8u per entry, relative: with A² = I the powers are
    /// exact, U = (Σ odd b_j)·A and V = (Σ even b_j)·I are exact but for the one product with b, and the
    /// triangular solve adds three roundings per entry; the truncation error of r_m at ±1 ≤ θ_m is ≤ u
    /// relative, and ≤ 1.4u in (r(1) − r(−1))/2 against sinh 1. That is the point of the fix: with
    /// Higham 2005's s the squarings amplify the (2,2) entry's error by up to 2^s (printed below).
    @Test("[[1, b], [0, −1]]: small degree, s = 0, entries accurate to a few u", arguments: OverscalingCase.all)
    func overscaling(_ k: OverscalingCase) throws { try checkOverscaling(k, k.precision.type) }

    func checkOverscaling<T: BLASScalar>(_ k: OverscalingCase, _: T.Type) throws {
        let n = 2 * k.blocks
        var a = Matrix<T>(rows: n, cols: n)
        for blk in 0..<k.blocks {
            let o = 2 * blk
            a[o, o] = 1
            a[o, o + 1] = T(k.b)
            a[o + 1, o + 1] = -1
        }
        let r = try Pade13AlMohy09<T>().exp(a)
        #expect(r.choice == ExpmChoice(approximant: "P\(k.degree)", degree: k.degree, scaling: 0))
        let u = unitRoundoff(T.self)
        let b = Double(T(k.b))
        let exact = [Foundation.exp(1.0), b * Foundation.sinh(1.0), Foundation.exp(-1.0)]
        func errors(_ x: Matrix<T>) -> [Double] {
            [abs(Double(x[0, 0]) / exact[0] - 1), abs(Double(x[0, 1]) / exact[1] - 1), abs(Double(x[1, 1]) / exact[2] - 1)]
        }
        let ours = errors(r.value)
        for (i, e) in ours.enumerated() { #expect(e <= 8 * u, "entry \(i): \(e / u) u") }
        let higham = try Pade13Higham05<T>().exp(a)
        #expect(higham.choice.scaling! >= 11, "Higham 2005's s = \(higham.choice.scaling!)")
        print("overscaling \(T.precision) b=\(k.b) n=\(n): almohy09 \(r.choice) errors/u \(ours.map { ($0 / u).rounded() }); "
              + "higham05 \(higham.choice) errors/u \(errors(higham.value).map { ($0 / u).rounded() })")
    }

    // MARK: Identities

    @Test("exp(Aᵀ) = exp(A)ᵀ to rounding", arguments: WorkingPrecision.allCases, [0.1, 1.0, 3.0, 30.0])
    func transpose(_ p: WorkingPrecision, norm: Double) throws { try checkTranspose(norm, p.type) }

    func checkTranspose<T: BLASScalar>(_ norm: Double, _: T.Type) throws {
        let a = Pade13Higham05Tests.sample(norm: norm, T.self)
        let e = try Pade13AlMohy09<T>().exp(a).value
        let et = try Pade13AlMohy09<T>().exp(a.transposed).value
        let diff = maxAbsDifference(et, e.transposed.converted(to: Double.self))
        // Aᵀ's d_k are A's ∞-norm powers, so the two calls may choose different (m, s); each result is
        // accurate to c·u·max(1, ‖A‖₁) relative to ‖exp(A)‖, so they agree to twice that.
        #expect(diff <= 2 * Self.c * unitRoundoff(T.self) * max(1, norm) * Double(e.norm1))
    }

    @Test("exp(A)·exp(−A) ≈ I for a well-conditioned A", arguments: WorkingPrecision.allCases, [0.1, 1.0, 3.0])
    func inverse(_ p: WorkingPrecision, norm: Double) throws { try checkInverse(norm, p.type) }

    func checkInverse<T: BLASScalar>(_ norm: Double, _: T.Type) throws {
        let a = Pade13Higham05Tests.sample(norm: norm, T.self)
        let e = try Pade13AlMohy09<T>().exp(a).value
        let f = try Pade13AlMohy09<T>().exp(-a).value
        let product = naiveProduct(e.converted(to: Double.self), f.converted(to: Double.self))
        let err = maxAbsDifference(product, Matrix<Double>.identity(4))
        // Each factor carries c·u·max(1, ‖A‖₁) relative error, amplified by ‖e^A‖·‖e^−A‖.
        let bound = 2 * Self.c * unitRoundoff(T.self) * max(1, norm) * Double(e.norm1) * Double(f.norm1)
        #expect(err <= bound, "error \(err), bound \(bound)")
    }

    @Test("deterministic: the same input gives bitwise the same result", arguments: WorkingPrecision.allCases)
    func deterministic(_ p: WorkingPrecision) throws { try checkDeterministic(p.type) }

    func checkDeterministic<T: BLASScalar>(_: T.Type) throws {
        var g = TestMatrices(seed: 8)
        let a = (2.0 * g.matrix(12)).converted(to: T.self)
        let first = try Pade13AlMohy09<T>().exp(a)
        let second = try Pade13AlMohy09<T>().exp(a)
        #expect(first.value == second.value && first.choice == second.choice)
    }

    // MARK: ℓ(m)

    /// ℓ(m) against the formula evaluated directly in Double with the formed |A|^{2m+1} (normest1 is
    /// exact on nonnegative matrices up to rounding): equal, except where log2(α/u)/(2m) lies within
    /// 10⁻⁶ of an integer (none of these cases do, checked). Scaling A by 2^k multiplies α by 2^{2mk}, so
    /// ℓ(2^k·A) = max(0, ⌈log2(α/u)/(2m)⌉ + k): checked up to k = 600, where |A|^27 itself would overflow,
    /// to show the normalisation inside ℓ.
    @Test("ℓ(m) equals the paper's formula, also where |A|^(2m+1) would overflow")
    func ellFormula() {
        var g = TestMatrices(seed: 99)
        for trial in 0..<12 {
            var a = g.matrix(5)
            a[0, 4] = 50 * Double(trial + 1)  // non-normal, so ℓ > 0 at moderate norms
            for m in [3, 9, 13] {
                var absPower = a.mapEntries { Swift.abs($0) }
                let absA = absPower
                for _ in 1..<(2 * m + 1) { absPower = naiveProduct(absPower, absA) }
                let alpha = absPower.norm1 / PadeBackwardError.reciprocalLeadingCoefficientDouble(degree: m) / a.norm1
                let raw = Foundation.log2(alpha / 0x1p-53) / Double(2 * m)
                guard abs(raw - raw.rounded()) > 1e-6 else { continue }
                for k in [0, 3, 40, 600] where m == 13 || k == 0 {
                    var w = AlMohy09Norms(a)
                    let scaled = Double(sign: .plus, exponent: k, significand: 1) * a
                    #expect(w.ell(scaled, degree: m) == max(0, Int(raw.rounded(.up)) + k), "trial \(trial) m \(m) k \(k)")
                }
            }
        }
    }

    // MARK: Overflow of the powers

    /// A = [[2, b], [0, −1]] with b near the overflow threshold: A^k's (1,2) entry is b·(2^k − (−1)^k)/3, so
    /// A⁶ (float64, b = 10^307) or A⁸ (float32, b = 10^37) overflows, every η is infinite, and s is taken
    /// from ‖A‖₁ as Higham 2005 would (our guard, not in the paper).
    /// Checked: the fallback is taken with that s and nothing traps. Not asserted: accuracy — with
    /// s ≈ log2(‖A‖₁/θ) the diagonal is lost to overscaling exactly as in Higham 2005 (printed).
    @Test("overflowing powers: s from ‖A‖₁, no trap", arguments: WorkingPrecision.allCases)
    func overflowingPowers(_ p: WorkingPrecision) throws { try checkOverflow(p.type) }

    func checkOverflow<T: BLASScalar>(_: T.Type) throws {
        let b = T.self == Float.self ? T(1e37) : T(1e307)
        let a: Matrix<T> = Matrix(rows: 2, cols: 2, elements: [2, 0, b, -1])
        let selection = Pade13AlMohy09<T>.select(a)
        #expect(selection.fallback)
        let plan = Pade13AlMohy09<T>.schedule
        let expectedS = ScalingAndSquaring.exponent(norm: a.norm1, theta: T(plan.scaledTheta))
        let r = try Pade13AlMohy09<T>().exp(a)
        #expect(r.choice == ExpmChoice(approximant: "P\(plan.scaledDegree)", degree: plan.scaledDegree, scaling: expectedS))
        let e2 = Foundation.exp(2.0), e1 = Foundation.exp(-1.0)
        print("overflow fallback \(T.precision): \(r.choice), computed diagonal \(r.value[0, 0]), \(r.value[1, 1]) "
              + "(exact \(e2), \(e1)); (1,2) \(r.value[0, 1]) vs \(Double(b) * (e2 - e1) / 3)")
    }

    // MARK: Cost

    /// Products: r_m's own π_m (Higham 2005 Table 2.3: 2, 3, 4, 5, 6 for m = 3, 5, 7, 9, 13 — the powers
    /// formed while selecting are exactly those r_m needs) + s squarings + the products made inside
    /// normest1; one solve. 2×2 input takes normest1's exact path (t = 2 ≥ n: B applied to I once), so its
    /// cost is known in advance: d4, d6 cost 2 and 3 products (A²·A², A²·A²·A²), d8 and d10 cost 2
    /// (A⁴·A⁴, A⁴·A⁶), ℓ(m) costs 2m+1.
    @Test("operation counts: π_m + s + normest1's products, 1 solve")
    func operationCounts() throws {
        // P3 at θ = 0.01: A², d4 (2), d6 (3), ℓ(3) (7), U (1).
        let (p3, n3) = try OperationCounter.counting { try Pade13AlMohy09<Double>().exp(rotationGenerator(0.01)) }
        #expect(p3.choice.degree == 3 && p3.choice.scaling == 0)
        #expect(n3 == OperationCounter.Counts(products: 1 + 2 + 3 + 7 + 1, solves: 1))
        // P13 at θ = 16: A², d4 (2), d6 (3), A⁴, A⁶, d8 (2), d10 (2), ℓ(13) (27), r_13's 3 more, 2 squarings;
        // no ℓ(3) … ℓ(9) since every η = 16 is above θ9.
        let (p13, n13) = try OperationCounter.counting { try Pade13AlMohy09<Double>().exp(rotationGenerator(16)) }
        #expect(p13.choice == ExpmChoice(approximant: "P13", degree: 13, scaling: 2))
        #expect(n13 == OperationCounter.Counts(products: 1 + 2 + 3 + 1 + 1 + 2 + 2 + 27 + 3 + 2, solves: 1))
        // Larger n: normest1 iterates, its products are reported by the selection; the identity must hold.
        var g = TestMatrices(seed: 4)
        for (scale, precision) in [(0.05, WorkingPrecision.float64), (0.5, .float64), (3.0, .float64), (40.0, .float64),
                                   (0.5, .float32), (40.0, .float32)] {
            let a = (scale * g.matrix(16))
            try checkCountIdentity(a, precision.type)
        }
    }

    func checkCountIdentity<T: BLASScalar>(_ a64: Matrix<Double>, _: T.Type) throws {
        let a = a64.converted(to: T.self)
        let selection = Pade13AlMohy09<T>.select(a)
        let (r, counts) = try OperationCounter.counting { try Pade13AlMohy09<T>().exp(a) }
        let pi = [3: 2, 5: 3, 7: 4, 9: 5, 13: 6][r.choice.degree!]!
        #expect(r.choice.degree == selection.degree && r.choice.scaling == selection.scaling)
        #expect(counts == OperationCounter.Counts(products: pi + r.choice.scaling! + selection.normestProducts, solves: 1),
                "\(T.precision) \(r.choice): normest1 \(selection.normestApplications) applications")
    }

    // MARK: Scheme catalogue

    @Test("schemes: registered for pade13-almohy09, usage in terms of d_k, unused degrees left out of float32")
    func schemes() {
        let ours = SchemeCatalog.all.filter { $0.candidate == "pade13-almohy09" }
        #expect(ours.map(\.label) == ["P3", "P5", "P7", "P9", "P13"])
        for s in ours {
            #expect(s.target == .pade(degree: Int(s.label.dropFirst())!))
            #expect(s.maxNorm(precision: .float64) == Pade13AlMohy09<Double>.schedule.theta(degree: Int(s.label.dropFirst())!))
            #expect(s.usage(precision: .float64).contains("d"))
        }
        #expect(ours.filter { $0.maxNorm(precision: .float32) > 0 }.map(\.label) == ["P3", "P5", "P7"])
        #expect(ours[4].usage(precision: .float64).contains("min(max(d6, d8), max(d8, d10))"))
        #expect(ours[2].usage(precision: .float32).contains("max(d6, d8)"))
    }
}
