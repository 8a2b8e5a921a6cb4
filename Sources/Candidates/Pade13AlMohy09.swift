import Foundation
import Linalg

/// `pade13-almohy09`: Al-Mohy & Higham, "A new scaling and squaring algorithm for the matrix
/// exponential", SIAM J. Matrix Anal. Appl. 31(3):970–989, 2009, doi:10.1137/09074721X, Algorithm 5.1
/// (the algorithm behind scipy.linalg.expm and MATLAB's expm), without its balancing step (a later
/// candidate) and without the triangular/Schur refinements of its squaring phase.
///
/// The degree is chosen from d_k = ‖A^k‖₁^{1/k} instead of ‖A‖₁: for non-normal A the d_k can be far
/// smaller than ‖A‖₁, and Higham 2005's ‖A‖₁-based choice then scales too much ("overscaling") and loses
/// accuracy in the squarings. With α_p = max(d_{2p}, d_{2p+2}) (`AlMohy09Schedule.alphaOrders`):
/// 1. A² formed; η = max(d4, d6) with both estimated by normest1 on A²·A² and A²·A²·A²;
///    r_3(A) if η ≤ θ3 and ℓ(3) = 0.
/// 2. A⁴ = A²·A² formed, d4 now exact; r_5(A) if max(d4, d6) ≤ θ5 and ℓ(5) = 0.
/// 3. A⁶ = A⁴·A² formed, d6 exact, d8 estimated on A⁴·A⁴; r_7, then r_9, if max(d6, d8) ≤ θ_m and
///    ℓ(m) = 0.
/// 4. Otherwise η = min(max(d6, d8), max(d8, d10)) with d10 estimated on A⁴·A⁶;
///    s = max(0, ⌈log2(η/θ13)⌉), then s += ℓ(13) evaluated on 2^-s·A; r_13(2^-s·A) from the already
///    formed powers rescaled (2^-s·A, 2^-2s·A², 2^-4s·A⁴, 2^-6s·A⁶), squared s times.
/// Here ℓ(m) = max(0, ⌈log2(α/u)/(2m)⌉) with α = |c_{2m+1}|·‖|A|^{2m+1}‖₁/‖A‖₁ (|A| entrywise,
/// c_{2m+1} from `PadeBackwardError`, u = 2^-53 or 2^-24): the number of extra halvings after which the
/// leading term of the backward-error series is at most u relative to ‖A‖₁, which guards r_m against
/// rounding when ‖A‖₁ is large although the d_k are small. ℓ(m) is evaluated only when η ≤ θ_m (reading
/// the algorithm's "and" as short-circuit, as scipy does; the authors' code evaluates every ℓ(m) before
/// its η test, which changes the cost, not the choice).
///
/// Norm estimates: Higham & Tisseur's block estimator (`Normest1`, t = 2, deterministic seed) on the
/// products above applied to thin blocks — never forming A⁸, A¹⁰ or |A|^{2m+1}. Its products are matrix
/// products with n×2 blocks, counted by `OperationCounter` like every other product. The authors' code
/// computes ‖|A|^{2m+1}‖₁ and the d_k of nonnegative matrices exactly (ones-vector powers, 2m+1 products
/// with a vector); normest1 is exact on nonnegative matrices too (its ones column), so the values agree,
/// but our count includes normest1's ~3 applications.
///
/// Precision: float64 is Algorithm 5.1 with θ3 … θ9 of Higham 2005 and θ13 = 4.25 (`AlMohy09Theta`,
/// the authors' code's value; see there for the doubt). float32 keeps the structure with Higham 2005's
/// single-precision schedule (3, 5 unscaled, 7 scaled) — see `AlMohy09Schedule.float32`.
///
/// Our choices where the paper is silent (not in Algorithm 5.1):
/// - ℓ's estimate is taken on |A|·2^-k with k chosen so that ‖·‖₁^{2m+1} cannot overflow, and α is
///   assembled from exponents and significands exactly (no log2), so ℓ is the paper's value without
///   spurious overflow. (Float can still underflow ‖|2^-k A|^{2m+1}‖₁ to 0, giving ℓ = 0, when ‖2^-s A‖₁
///   exceeds about 2·10⁶ and |A|'s powers collapse relative to ‖A‖₁; not met in practice.)
/// - If η is not finite (the powers overflowed), s is chosen from ‖A‖₁ as Higham 2005 would
///   (smallest s with ‖2^-s A‖₁ ≤ θ), with ℓ = 0; if a formed power is not finite or its rescaling factor
///   is not a normal number, the powers of 2^-s·A are recomputed instead of rescaled.
/// - 0×0, 1×1 and non-square input as every candidate (`TrivialShapes`); a NaN or infinite ‖A‖₁ takes the
///   scaled degree with s = 0 so that non-finite entries propagate.
public struct Pade13AlMohy09<T: BLASScalar>: ExpmCandidate {
    public typealias Scalar = T

    public init() {}

    public var name: String { "pade13-almohy09" }

    public var source: String {
        "Al-Mohy & Higham, \"A new scaling and squaring algorithm for the matrix exponential\", SIAM J. "
            + "Matrix Anal. Appl. 31(3):970-989, 2009, doi:10.1137/09074721X, Algorithm 5.1 without balancing "
            + "and without the triangular squaring refinements. Degree from d_k = ||A^k||_1^(1/k) (exact for "
            + "formed powers, else Higham & Tisseur's block 1-norm estimator, t = 2, fixed seed), extra "
            + "scaling l(m) from |c_(2m+1)| * ||abs(A)^(2m+1)||_1 / ||A||_1. float64: Pade 3, 5, 7, 9 "
            + "unscaled, 13 scaled; theta3..theta9 of Higham 2005 Table 2.3, theta13 = 4.25 as in the "
            + "authors' expm_new.m. float32: same structure on Higham 2005's single-precision schedule "
            + "(3, 5 unscaled; 7 scaled with eta = max(d6, d8); theta3 = 4.258730016922831e-1, theta5 = "
            + "1.880152677804762, theta7 = 3.925724783138660), u = 2^-24 in l(m)."
    }

    /// The schedule for T.
    public static var schedule: AlMohy09Schedule {
        PrecisionSelect.value(for: T.self, float32: .float32, float64: .float64)
    }

    /// exp(A) by Algorithm 5.1, with the degree and the final s (after ℓ) ("P3" … "P13", "1x1", "empty").
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func exp(_ a: Matrix<T>) throws -> ExpmResult<T> {
        if let trivial = try TrivialShapes.exp(a) { return trivial }
        guard a.norm1.isFinite else {
            let m = Self.schedule.scaledDegree
            return Self.result(try PadeApproximant.evaluate(a, degree: m), degree: m, scaling: 0)
        }
        let choice = Self.select(a)
        let s = choice.scaling
        let r: Matrix<T>
        if s == 0 {
            r = try PadeApproximant.evaluate(a, evenPowers: choice.evenPowers, degree: choice.degree)
        } else {
            let scaled = ScalingAndSquaring.scaled(a, by: s)
            let powers = Self.rescaled(choice.evenPowers, by: s) ?? [scaled.one]
            r = try PadeApproximant.evaluate(scaled, evenPowers: powers, degree: choice.degree)
        }
        return Self.result(ScalingAndSquaring.squared(r, times: s), degree: choice.degree, scaling: s)
    }

    private static func result(_ value: Matrix<T>, degree: Int, scaling: Int) -> ExpmResult<T> {
        ExpmResult(value: value, choice: ExpmChoice(approximant: "P\(degree)", degree: degree, scaling: scaling))
    }

    /// [I, 2^-2s·A², 2^-4s·A⁴, …] from [I, A², A⁴, …] (line 22 of Algorithm 5.1: powers of 2 scale
    /// exactly, so this equals forming the powers of 2^-s·A), or nil when a power is not finite or a factor
    /// 2^-2js is below the normal range (then the caller recomputes the powers from 2^-s·A).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func rescaled(_ powers: [Matrix<T>], by s: Int) -> [Matrix<T>]? {
        var out = [powers[0]]
        for j in 1..<powers.count {
            let e = -2 * j * s
            guard e >= Int(T.leastNormalMagnitude.exponent), powers[j].isFinite else { return nil }
            out.append(T(sign: .plus, exponent: T.Exponent(e), significand: 1) * powers[j])
        }
        return out
    }

    /// Lines 1–21 of Algorithm 5.1: the degree, the scaling (after ℓ) and the even powers formed.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func select(_ a: Matrix<T>) -> AlMohy09Selection<T> {
        let plan = schedule
        var w = AlMohy09Norms(a)
        for (m, theta) in plan.unscaled {
            w.formEvenPowers(upTo: Swift.min(m - 1, 6))
            let eta = w.eta(degree: m)
            if eta <= theta {
                let ell = w.ell(a, degree: m)
                if ell == 0 { return w.selection(degree: m, scaling: 0, eta: eta, ell: 0, fallback: false) }
            }
        }
        let m = plan.scaledDegree
        w.formEvenPowers(upTo: Swift.min(m - 1, 6))
        let eta = w.eta(degree: m)
        guard eta.isFinite else {
            let s = ScalingAndSquaring.exponent(norm: a.norm1, theta: T(plan.scaledTheta))
            return w.selection(degree: m, scaling: s, eta: eta, ell: 0, fallback: true)
        }
        let s = ScalingAndSquaring.exponent(norm: eta, theta: plan.scaledTheta)
        let ell = w.ell(ScalingAndSquaring.scaled(a, by: s), degree: m)
        return w.selection(degree: m, scaling: s + ell, eta: eta, ell: ell, fallback: false)
    }
}

/// What lines 1–21 of Algorithm 5.1 decided, with what it cost (for tests and diagnostics).
struct AlMohy09Selection<T: BLASScalar> {
    /// The Padé degree m.
    var degree: Int
    /// The final scaling s (including ℓ).
    var scaling: Int
    /// [I, A², A⁴, …] formed while selecting (unscaled).
    var evenPowers: [Matrix<T>]
    /// The η compared with θ_m for the chosen degree (for the scaled degree: the one s was taken from).
    var eta: Double
    /// ℓ(m) of the chosen degree (added to s for the scaled degree; 0 otherwise).
    var ell: Int
    /// Every d_k computed, exact or estimated (k → d_k).
    var d: [Int: Double]
    /// Operator applications made by normest1 (each on an n×2 block, or on I_n when n ≤ 2).
    var normestApplications: Int
    /// Matrix products made by those applications (each application of B = F_1·…·F_k costs k).
    var normestProducts: Int
    /// True when η was not finite and s came from ‖A‖₁.
    var fallback: Bool
}

/// The powers of A formed so far, the d_k known, and normest1's bookkeeping.
struct AlMohy09Norms<T: BLASScalar> {
    let a: Matrix<T>
    var evens: [Matrix<T>]
    var transposes: [Int: Matrix<T>] = [:]
    var d: [Int: Double] = [:]
    var exact: Set<Int> = []
    var applications = 0
    var products = 0

    init(_ a: Matrix<T>) {
        self.a = a
        evens = [a.one]
    }

    /// Forms A², A⁴, … up to A^maxPower (even) as the Padé evaluation would: A² = A·A, A^{2k+2} = A^{2k}·A².
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    mutating func formEvenPowers(upTo maxPower: Int) {
        evens = PadeApproximant.evenPowers(a, upTo: maxPower, from: evens)
    }

    /// x^{1/k}, with NaN read as +∞ (a NaN norm means overflow inside a product: treat it as too large).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func root(_ x: T, _ k: Int) -> Double {
        x.isNaN ? .infinity : Foundation.pow(Double(x), 1 / Double(k))
    }

    /// d_k: exact when A^k is formed (replacing an earlier estimate), else normest1 on the product of
    /// formed powers that Algorithm 5.1 prescribes (`AlMohy09Schedule.estimateFactors`), cached.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    mutating func dk(_ k: Int) -> Double {
        if 2 * (evens.count - 1) >= k {
            if !exact.contains(k) {
                d[k] = Self.root(evens[k / 2].norm1, k)
                exact.insert(k)
            }
            return d[k]!
        }
        if let known = d[k] { return known }
        let factors = AlMohy09Schedule.estimateFactors(power: k).map { evens[$0 / 2] }
        let factorTransposes = AlMohy09Schedule.estimateFactors(power: k).map { transpose(ofPower: $0) }
        let r = Normest1.estimate(
            order: a.rows,
            apply: { x in factors.reversed().reduce(x) { $1 * $0 } },
            applyTransposed: { x in factorTransposes.reduce(x) { $1 * $0 } })
        applications += r.applications
        products += r.applications * factors.count
        d[k] = Self.root(r.estimate, k)
        return d[k]!
    }

    /// (A^p)ᵀ, formed once.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    mutating func transpose(ofPower p: Int) -> Matrix<T> {
        if let t = transposes[p] { return t }
        let t = Normest1.transpose(evens[p / 2])
        transposes[p] = t
        return t
    }

    /// η_m = min over Algorithm 5.1's p for degree m of α_p = max(d_{2p}, d_{2p+2}).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    mutating func eta(degree m: Int) -> Double {
        var best = Double.infinity
        for p in AlMohy09Schedule.alphaOrders(degree: m) {
            best = Swift.min(best, Swift.max(dk(2 * p), dk(2 * p + 2)))
        }
        return best
    }

    /// ℓ(m) for the matrix x (A, or 2^-s·A for the scaled degree):
    /// max(0, ⌈log2(α/u)/(2m)⌉), α = |c_{2m+1}|·‖|x|^{2m+1}‖₁/‖x‖₁, with ‖|x|^{2m+1}‖₁ from normest1.
    ///
    /// Evaluated without overflow and without log2: |x| is scaled by 2^-k (exact) so that its norm is
    /// below 2^{q+1}, q = ⌊emax/(2m+1)⌋ − 1, whence every power up to 2m+1 stays finite; then with
    /// v = ‖(2^-k|x|)^{2m+1}‖₁ = g_v·2^{e_v}, ‖x‖₁ = g·2^e (g_v, g ∈ [1, 2)) and u = 2^-p,
    /// α/u = w·2^{e_v + k(2m+1) − e + p}, w = g_v/(g·(1/|c_{2m+1}|)); with j = ⌈log2 w⌉ (exact from w's
    /// exponent and significand), ℓ = max(0, ⌈(j + e_v + k(2m+1) − e + p)/(2m)⌉) — the same integer, since
    /// ⌈⌈y⌉/n⌉ = ⌈y/n⌉ for integers n > 0.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    mutating func ell(_ x: Matrix<T>, degree m: Int) -> Int {
        let norm = x.norm1
        guard norm > 0, norm.isFinite else { return 0 }
        let power = 2 * m + 1
        let q = Int(T.greatestFiniteMagnitude.exponent) / power - 1
        let k = Swift.max(0, Int(norm.exponent) - q)
        let factor = T(sign: .plus, exponent: T.Exponent(-k), significand: 1)
        let b = x.mapEntries { Swift.abs($0) * factor }
        let bt = Normest1.transpose(b)
        let r = Normest1.estimate(
            order: x.rows,
            apply: { y in (0..<power).reduce(y) { acc, _ in b * acc } },
            applyTransposed: { y in (0..<power).reduce(y) { acc, _ in bt * acc } })
        applications += r.applications
        products += r.applications * power
        let v = r.estimate
        guard v > 0, v.isFinite else { return 0 }
        let p = -Int(T.unitRoundoff.exponent)
        let w = Double(v.significand)
            / (Double(norm.significand) * PadeBackwardError.reciprocalLeadingCoefficientDouble(degree: m))
        let j = Int(w.exponent) + (w.significand == 1 ? 0 : 1)
        let numerator = j + Int(v.exponent) + k * power - Int(norm.exponent) + p
        let denominator = 2 * m
        let ceiling = numerator >= 0 ? (numerator + denominator - 1) / denominator : -((-numerator) / denominator)
        return Swift.max(0, ceiling)
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func selection(degree: Int, scaling: Int, eta: Double, ell: Int, fallback: Bool) -> AlMohy09Selection<T> {
        AlMohy09Selection(
            degree: degree, scaling: scaling, evenPowers: evens, eta: eta, ell: ell, d: d,
            normestApplications: applications, normestProducts: products, fallback: fallback)
    }
}

/// The Padé approximants r_3 … r_13 as pade13-almohy09 uses them (the shared `PadeApproximant` scheme,
/// fed with the powers formed during the selection; the audit expands the same code).
struct AlMohy09Schemes: AuditableScheme {
    let degree: Int
    var label: String { "P\(degree)" }
    var candidate: String { "pade13-almohy09" }
    var target: SchemeTarget { .pade(degree: degree) }

    static let all: [any AuditableScheme] = [3, 5, 7, 9, 13].map { AlMohy09Schemes(degree: $0) }

    private func schedule(_ precision: Precision) -> AlMohy09Schedule {
        precision == .float32 ? .float32 : .float64
    }

    private static let dNames: [Int: String] = [
        2: "max(d4, d6)", 3: "max(d6, d8)", 4: "max(d8, d10)",
    ]

    func usage(precision: Precision) -> String {
        let plan = schedule(precision)
        guard plan.theta(degree: degree) != nil else { return "not used in \(precision)" }
        let eta = AlMohy09Schedule.alphaOrders(degree: degree).map { Self.dNames[$0]! }
        let etaText = eta.count == 1 ? eta[0] : "min(\(eta.joined(separator: ", ")))"
        let legend = "d_k = ‖A^k‖₁^(1/k), exact for formed A², A⁴, A⁶, else normest1; ‖A‖₁ itself is not bounded"
        if degree == plan.scaledDegree {
            return "otherwise, on A/2^s with s = max(0, ⌈log2(η/θ\(degree))⌉) + ℓ(\(degree)), η = \(etaText) (\(legend))"
        }
        let earlier = plan.unscaled.prefix { $0.degree != degree }.map { "P\($0.degree)" }
        let prefix = earlier.isEmpty ? "" : "not \(earlier.joined(separator: "/")); "
        return prefix + "η = \(etaText) ≤ θ\(degree) and ℓ(\(degree)) = 0 (\(legend))"
    }

    /// θ_m: the bound on η (not on ‖A‖₁) up to which r_m is used, after scaling for the scaled degree.
    func maxNorm(precision: Precision) -> Double { schedule(precision).theta(degree: degree) ?? 0 }

    func evaluate<M: SchemeAlgebra>(_ a: M) -> SchemeValue<M> {
        let (u, v) = PadeApproximant.oddEven(a, degree: degree)
        return .rational(p: v + u, q: v - u)
    }
}
