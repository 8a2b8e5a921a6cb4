import CMPFR
import Foundation
import Linalg

/// exp(A) = V·e^Λ·V⁻¹ from refined eigenpairs in MPFR complex arithmetic: a witness for the
/// Taylor reference that shares none of its algorithm (no Taylor series, no scaling, no
/// squaring), with an a-posteriori error bound, and that refuses when it cannot guarantee
/// 30 correct digits.
///
/// ## Algorithm
/// 1. LAPACK dgeev on the Double matrix gives λ⁽⁰⁾ and unit eigenvectors V⁽⁰⁾ (Double accuracy).
/// 2. Newton refinement of all eigenpairs together, at the working precision p. Write the exact
///    eigenpairs as V(I + E), Λ + D with E, D small and D diagonal, and let R = A·V − V·Λ be the
///    residual of the current ones. Substituting into A·V(I + E) = V(I + E)(Λ + D) and using
///    A·V = R + V·Λ gives R + R·E + V·Λ·E = V·D + V·E·Λ + V·E·D. Dropping the second-order terms
///    R·E and V·E·D leaves V⁻¹R = D + E·Λ − Λ·E, whose (i, j) entry is D_ii on the diagonal and
///    E_ij·(λ_j − λ_i) off it. So, with W = V⁻¹R (a complex LU solve),
///        λ_i ← λ_i + W_ii,   E_ij = W_ij/(λ_j − λ_i) (i ≠ j),   E_ii = 0,   V ← V + V·E.
///    E_ii = 0 fixes the free scale of each eigenvector (to first order it keeps the component
///    along the old column). The neglected terms are quadratic in the error, so each step
///    roughly squares the relative residual: from 2^-50, three steps reach 2^-256. The
///    iteration stops when ‖R‖₁ ≤ 2^-(p−10)·‖A‖₁‖V‖₁, or when a step fails to halve ‖R‖₁ (the
///    rounding floor; the better iterate is kept).
/// 3. Z ≈ V⁻¹ by the same LU, Y = diag(e^λ)·Z, X = V·Y; the result is Re X (A is real).
///
/// ## Error bound (1-norm, relative to ‖exp(A)‖₁)
/// The refined V̂, Λ̂ are exact p-bit numbers, so Ã := V̂Λ̂V̂⁻¹ has eigenvalues exactly λ̂ and
/// Ã = A − ΔA with ΔA = R_true·V̂⁻¹, R_true = A·V̂ − V̂·Λ̂ exactly. Let κ = ‖V̂‖₁‖V̂⁻¹‖₁,
/// α = max Re λ̂ and δ ≥ ‖ΔA‖₁. Then ‖e^{tÃ}‖₁ ≤ κe^{tα}, and since the logarithmic 1-norm of
/// Λ̂ + V̂⁻¹ΔAV̂ is at most α + κδ, ‖e^{tA}‖₁ ≤ κe^{t(α+κδ)}. From
/// e^A − e^Ã = ∫₀¹ e^{(1−s)Ã}·ΔA·e^{sA} ds,
///     ‖e^A − e^Ã‖₁ ≤ g·e^α,   g = κ²·δ·e^{κδ},
/// and ‖e^A‖₁ ≥ ρ(e^Ã) − g·e^α = (1 − g)·e^α. Rounding adds, relative to e^α: κ·f for using Z
/// instead of V̂⁻¹ (Z − V̂⁻¹ = (Z·V̂ − I)·V̂⁻¹, f ≥ ‖Z·V̂ − I‖₁), and (4n+16)·2^-p·‖V̂‖₁‖Z‖₁ for
/// e^λ, the row scaling and the final product. Taking the real part cannot increase the error
/// (exp(A) is real). Hence
///     ‖Re X − exp(A)‖₁ / ‖exp(A)‖₁ ≤ (g + κ·f + (4n+16)·2^-p·‖V̂‖₁‖Z‖₁) / (1 − g).
/// Every quantity is measured: ‖V̂‖₁, ‖Z‖₁ (rounded upward); f = computed ‖Z·V̂ − I‖₁ plus
/// 4(n+2)·2^-p·‖Z‖₁‖V̂‖₁ for its own rounding; ‖V̂⁻¹‖₁ ≤ ‖Z‖₁/(1 − f); δ = (‖R̂‖₁ +
/// 4(n+2)·2^-p·(‖A‖₁ + max|λ̂|)·‖V̂‖₁)·‖V̂⁻¹‖₁, the second term covering the rounding in R̂.
/// The rounding constants are first-order bounds with room to spare: a complex dot product of
/// length n, summed in order, errs by at most √2·(2n+1)·2^-p·Σ|x_k||y_k| (each real part by
/// (2n+1)·2^-p·Σ(|Re x Re y| + |Im x Im y|), and that sum is ≤ Σ|x_k||y_k|), below the 4(n+2)
/// used; e^λ and the row scaling add under 8·2^-p. The bound itself is evaluated in 64-bit MPFR,
/// whose own error is negligible next to these constants. This is a careful first-order
/// estimate, not interval arithmetic.
///
/// ## Acceptance
/// The result is returned only when the bound is ≤ `requiredErrorBound` = 2^-103 ≈ 9.9·10^-32,
/// i.e. at least 31 correct digits normwise in the MPFR value; hi + lo adds at most 2^-106 per
/// entry, so hi + lo has ≥ 30 correct digits normwise. Since the residual cannot fall below
/// about 2^-p·‖A‖‖V‖, the bound behaves like 8(n+2)·‖A‖₁·κ³·2^-p: at p = 256, n = 64 and
/// ‖A‖₁ ≈ 64 it accepts κ up to about 2^46 (for ‖A‖₁ ≳ 1 far stricter than the simple rule
/// κ ≤ 2^(p−130); at any scale the rounding term alone forces κ ≤ 2^(p−103)/(4n+16)).
/// Before that, cheaper rules refuse early with a specific reason:
/// * input with NaN or ±Inf entries; order above `maximumOrder` (default 64: each Newton step
///   costs about a dozen n³ MPFR multiply-adds, ≈ 0.2 s at n = 64, p = 256);
/// * geev failure, or non-finite eigenpairs;
/// * eigenvalues (nearly) repeated: min_{i≠j}|λ_i − λ_j| ≤ 2^-(p/4)·‖A‖₁, both for geev's values
///   and the refined ones (Jordan blocks, repeated eigenvalues, the zero matrix: V would be
///   singular or Newton's divisions by λ_j − λ_i meaningless);
/// * Newton not converging: best ‖R‖₁ > 2^-(p/2)·‖A‖₁‖V‖₁, or an exactly singular V;
/// * ‖Z·V̂ − I‖₁ > 1/4 (V numerically singular), or g ≥ 1/2;
/// * an imaginary part ‖Im X‖₁ > 2^-(p/2)·‖Re X‖₁ (inconsistent conjugate pairs; with the bound
///   accepted it is far smaller);
/// * any MPFR result outside MPFR's exponent range.
///
/// Near-defective matrices are refused through κ: for [[1, 1], [0, 1 + 2^-52]], κ ≈ 2^54 and the
/// bound is ≈ 2^-91 at p = 256. (The value would in fact be accurate there; the bound is
/// pessimistic by the factor κ² from the perturbation argument, and a witness must not guess.)
///
/// Each call is single-threaded with no shared mutable state; calls may run concurrently.
public enum EigenReference {
    /// Short description of the method, for reports.
    public static let method =
        "eigen-mpfr: LAPACK geev eigenpairs refined by Newton in MPFR complex arithmetic; "
        + "exp = V·e^Λ·V⁻¹ with an a-posteriori bound"

    /// The largest accepted error bound: 2^-103 ≈ 9.9·10^-32 (relative, 1-norm).
    public static let requiredErrorBound = 0x1p-103

    /// Default order limit (cost O(n³) per Newton step in MPFR complex arithmetic).
    public static let defaultMaximumOrder = 64

    /// Newton steps allowed after the Double start (three are typical from Double accuracy at
    /// p = 256; more only for poorly separated eigenvalues).
    public static let maximumNewtonSteps = 10

    /// exp(a) as Re(V·e^Λ·V⁻¹) at `bits` bits with an error bound, or the reason it cannot be
    /// guaranteed to `requiredErrorBound` (see the type's documentation for the rules).
    public static func compute(
        _ a: Matrix<Double>, bits: Int = 256, maximumOrder: Int = defaultMaximumOrder
    ) -> EigenReferenceOutcome {
        precondition(a.isSquare, "exp needs a square matrix, got \(a.rows)×\(a.cols)")
        precondition(bits >= 64, "the eigen witness needs at least 64 bits")
        let clock = ContinuousClock()
        let start = clock.now
        let n = a.rows
        guard a.isFinite else { return .notApplicable(reason: "input has NaN or Inf entries") }
        guard n <= maximumOrder else {
            return .notApplicable(reason: "order \(n) exceeds the limit \(maximumOrder)")
        }
        MPFRFlags.clear()
        let computation = Computation(a: a, bits: bits)
        let outcome = computation.run()
        if case .computed(var value) = outcome {
            if MPFRFlags.rangeExceeded {
                return .notApplicable(reason: "an MPFR result left MPFR's exponent range")
            }
            let d = start.duration(to: clock.now)
            value.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            return .computed(value)
        }
        return outcome
    }
}

/// What `EigenReference.compute` returns.
public enum EigenReferenceOutcome {
    /// The witness value with its bound.
    case computed(EigenExp)
    /// The method cannot guarantee the accuracy; `reason` says which rule refused.
    case notApplicable(reason: String)

    /// The value, or nil when not applicable.
    public var value: EigenExp? {
        if case .computed(let v) = self { return v }
        return nil
    }

    /// The refusal reason, or nil when computed.
    public var reason: String? {
        if case .notApplicable(let r) = self { return r }
        return nil
    }
}

/// exp(A) from the eigendecomposition witness, with the quantities that justify it.
public struct EigenExp {
    /// n, for an n×n input.
    public var order: Int
    /// Working precision p (bits).
    public var bits: Int
    /// Re(V̂·e^Λ̂·Z) at p bits; ‖value − exp(A)‖₁ ≤ errorBound·‖exp(A)‖₁.
    public var value: MPMatrix
    /// `value` rounded entrywise to the nearest Double.
    public var hi: Matrix<Double>
    /// The remainder value − hi rounded to nearest, so hi + lo carries ≈106 bits of `value`.
    public var lo: Matrix<Double>
    /// A-posteriori bound on the 1-norm relative error of `value` (≤ 2^-103 when returned).
    public var errorBound: Double
    /// An upper bound of κ₁(V̂) = ‖V̂‖₁‖V̂⁻¹‖₁.
    public var conditionBound: Double
    /// min_{i≠j}|λ_i − λ_j| / ‖A‖₁ of the refined eigenvalues (+∞ for n ≤ 1 or A = 0).
    public var separation: Double
    /// Newton steps taken after the Double start.
    public var newtonSteps: Int
    /// ‖R̂‖₁ / (‖A‖₁‖V̂‖₁) of the final eigenpairs (0 when R̂ = 0).
    public var relativeResidual: Double
    /// Wall time, seconds.
    public var seconds: Double

    /// Decimal digits the bound guarantees for hi + lo: −log10(errorBound + 2^-106).
    public var guaranteedDigits: Double { -log10(errorBound + 0x1p-106) }
}

// MARK: - The computation

extension EigenReference {
    /// One run's state; a value type local to one call.
    fileprivate struct Computation {
        let a: Matrix<Double>
        let n: Int
        let p: Int
        let aMP: MPMatrix
        /// ‖A‖₁ rounded upward (64 bits).
        let normA: MPFloat
        /// 2^-p at 64 bits.
        let unit: MPFloat

        init(a: Matrix<Double>, bits: Int) {
            self.a = a
            n = a.rows
            p = bits
            aMP = MPMatrix(a, precision: bits)  // exact
            normA = aMP.norm1(rounding: MPFR_RNDU)
            unit = MPFloat(1, precision: 64).scaled(byPowerOfTwo: -bits)
        }

        /// x at 64 bits.
        func m(_ x: Double) -> MPFloat { MPFloat(x, precision: 64) }

        func run() -> EigenReferenceOutcome {
            if n == 0 {
                let empty = Matrix<Double>(rows: 0, cols: 0)
                return .computed(EigenExp(
                    order: 0, bits: p, value: MPMatrix(order: 0, precision: p), hi: empty, lo: empty,
                    errorBound: 0, conditionBound: 1, separation: .infinity, newtonSteps: 0,
                    relativeResidual: 0, seconds: 0))
            }
            // 1. LAPACK's eigenpairs.
            let eigen: Eigendecomposition<Double>
            do { eigen = try a.eigendecomposition() } catch {
                return .notApplicable(reason: "LAPACK geev failed: \(error)")
            }
            let vectors = eigen.vectors
            guard vectors.elements.allSatisfy(\.isFinite),
                  eigen.valuesReal.allSatisfy(\.isFinite), eigen.valuesImaginary.allSatisfy(\.isFinite)
            else { return .notApplicable(reason: "geev returned non-finite eigenpairs") }
            var lambda = (0..<n).map { MPComplex(eigen.valuesReal[$0], eigen.valuesImaginary[$0], precision: p) }
            if let refusal = separationRefusal(lambda, stage: "geev") { return .notApplicable(reason: refusal) }
            var v = MPComplexMatrix(vectors, precision: p)

            // 2. Newton refinement.
            var r = residual(v, lambda)
            var rNorm = r.norm1UpperBound
            var steps = 0
            while steps < EigenReference.maximumNewtonSteps {
                let target = normA * v.norm1UpperBound * unit.scaled(byPowerOfTwo: 10)
                if rNorm <= target { break }
                guard let (vNext, lambdaNext) = newtonStep(v, lambda, r) else { break }
                let rNext = residual(vNext, lambdaNext)
                let rNextNorm = rNext.norm1UpperBound
                // Keep only steps that at least halve the residual (NaN fails this too).
                guard rNextNorm < rNorm.scaled(byPowerOfTwo: -1) else { break }
                (v, lambda, r, rNorm) = (vNext, lambdaNext, rNext, rNextNorm)
                steps += 1
            }
            let normV = v.norm1UpperBound
            let convergenceLimit = normA * normV * MPFloat(1, precision: 64).scaled(byPowerOfTwo: -(p / 2))
            guard rNorm <= convergenceLimit else {
                return .notApplicable(reason:
                    "Newton refinement did not converge: ‖R‖₁/(‖A‖₁‖V‖₁) = "
                    + "\((rNorm / (normA * normV)).decimalString(digits: 3)) after \(steps) steps")
            }
            if let refusal = separationRefusal(lambda, stage: "refined") { return .notApplicable(reason: refusal) }

            // 3. Z ≈ V⁻¹ and its measured accuracy.
            guard let lu = MPComplexLU(v) else {
                return .notApplicable(reason: "eigenvector matrix is singular at working precision")
            }
            let z = lu.solve(.identity(order: n, precision: p))
            let normZ = z.norm1UpperBound
            let zv = z * v
            zv.subtractIdentity()
            let roundingFactor = m(Double(4 * (n + 2))) * unit
            let f = zv.norm1UpperBound + roundingFactor * normZ * normV
            guard f <= m(0.25) else {
                return .notApplicable(reason:
                    "eigenvector matrix numerically singular: ‖Z·V − I‖₁ = \(f.decimalString(digits: 3))")
            }
            let normVInverse = normZ / (m(1) - f)
            let kappa = normV * normVInverse

            // The bound of the type's documentation.
            let maxLambda = lambda.map { $0.magnitude(rounding: MPFR_RNDU).copy(precision: 64) }.max() ?? m(0)
            let rTrue = rNorm + roundingFactor * (normA + maxLambda) * normV
            let delta = rTrue * normVInverse
            let g = kappa * kappa * delta * (kappa * delta).exp()
            guard g < m(0.5) else {
                return .notApplicable(reason: "perturbation bound too large: κ₁(V) ≤ \(kappa.decimalString(digits: 3))")
            }
            let rounding = kappa * f + m(Double(4 * n + 16)) * unit * normV * normZ
            let bound = (g + rounding) / (m(1) - g)
            guard bound.double <= EigenReference.requiredErrorBound else {
                return .notApplicable(reason:
                    "error bound \(bound.decimalString(digits: 3)) exceeds 2^-103 "
                    + "(κ₁(V) ≤ \(kappa.decimalString(digits: 3)), ‖A‖₁ = \(normA.decimalString(digits: 3)))")
            }

            // 4. X = V·diag(e^λ)·Z; keep the real part.
            let x = v * z.scalingRows(by: lambda.map { $0.exp() })
            let imaginaryLimit = x.re.norm1(rounding: MPFR_RNDN)
                * MPFloat(1, precision: 64).scaled(byPowerOfTwo: -(p / 2))
            guard x.im.norm1(rounding: MPFR_RNDU) <= imaginaryLimit else {
                return .notApplicable(reason: "imaginary part of V·e^Λ·V⁻¹ is not negligible")
            }
            let (hi, lo) = x.re.splitHiLo()
            let separation = minimumSeparation(lambda).map { ($0 / normA).double } ?? .infinity
            return .computed(EigenExp(
                order: n, bits: p, value: x.re, hi: hi, lo: lo, errorBound: bound.double,
                conditionBound: kappa.double, separation: separation, newtonSteps: steps,
                relativeResidual: rNorm.isZero ? 0 : (rNorm / (normA * normV)).double, seconds: 0))
        }

        /// R = A·V − V·diag(λ) at p bits.
        func residual(_ v: MPComplexMatrix, _ lambda: [MPComplex]) -> MPComplexMatrix {
            let r = aMP * v
            r.subtract(v.scalingColumns(by: lambda))
            return r
        }

        /// One Newton step (see the type's documentation); nil when V is exactly singular or
        /// two eigenvalues coincide exactly.
        func newtonStep(
            _ v: MPComplexMatrix, _ lambda: [MPComplex], _ r: MPComplexMatrix
        ) -> (MPComplexMatrix, [MPComplex])? {
            guard let lu = MPComplexLU(v) else { return nil }
            let w = lu.solve(r)
            let e = MPComplexMatrix(order: n, precision: p)
            for j in 0..<n {
                for i in 0..<n where i != j {
                    let gap = lambda[j] - lambda[i]
                    if gap.isZero { return nil }
                    e[i, j] = w[i, j] / gap
                }
            }
            let next = v.copy()
            next.add(v * e)
            return (next, (0..<n).map { lambda[$0] + w[$0, $0] })
        }

        /// min_{i≠j}|λ_i − λ_j| at 64 bits, nil for n ≤ 1.
        func minimumSeparation(_ lambda: [MPComplex]) -> MPFloat? {
            var best: MPFloat?
            for i in 0..<lambda.count {
                for j in (i + 1)..<lambda.count {
                    let d = (lambda[i] - lambda[j]).magnitude().copy(precision: 64)
                    if best.map({ d < $0 }) ?? true { best = d }
                }
            }
            return best
        }

        /// The refusal for (nearly) repeated eigenvalues: min|λ_i − λ_j| ≤ 2^-(p/4)·‖A‖₁.
        func separationRefusal(_ lambda: [MPComplex], stage: String) -> String? {
            guard let s = minimumSeparation(lambda) else { return nil }
            let limit = normA * MPFloat(1, precision: 64).scaled(byPowerOfTwo: -(p / 4))
            if s <= limit {
                return "eigenvalues (\(stage)) nearly repeated: min|λi − λj| = \(s.decimalString(digits: 3)), "
                    + "‖A‖₁ = \(normA.decimalString(digits: 3))"
            }
            return nil
        }
    }
}
