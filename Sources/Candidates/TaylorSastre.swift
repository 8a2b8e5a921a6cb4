import Foundation
import Linalg

/// `taylor-sastre`: scaling and squaring with Taylor-based approximations of orders 1, 2, 4, 8, 15+,
/// 21+, 24, 30, evaluated with fewer products than Paterson–Stockmeyer: Sastre, Ibáñez & Defez,
/// "Boosting the computation of the matrix exponential", Appl. Math. Comput. 340:206–220, 2019,
/// doi:10.1016/j.amc.2018.08.017, as implemented in the first author's `expmpol.m` (revised
/// 2018-02-04), called with its default maximal order m_M = 30 (`kmax` = 7) and its option
/// `NormEst` = 0 (no estimation of norms of matrix powers).
///
/// "15+" evaluates a degree-16 polynomial that matches exp's Taylor series through degree 15 (four
/// products); "21+" a degree-24 one matching through degree 21 (five products). Orders 24 and 30 are
/// the exact Taylor polynomials with six and seven products. The choice label is "T15+" etc., its
/// degree the order m (15 for "T15+").
///
/// Selection (see `TaylorSastreSelection.choose`), with a_k bounds on ‖A^k‖₁ built from the exact
/// 1-norms of A, A², A³, A⁴ (computed only when needed, and then reused by the evaluation):
/// ‖A‖₁ ≤ Θ1 gives T1; otherwise the first m of 2, 4, 8, 15+, 21+, 24, 30 whose two-term error bound
/// c_m·a_{m+1} + a_{m+2} ≤ max(1, ‖A‖₁)·u/|g_{m+2}| holds; otherwise s = ⌈log2(α/Θ30)⌉ with
/// α = max(a31^{1/31}, a32^{1/32}), lowered by one if the order-30 bound still holds at s − 1, and
/// then order 24 if its bound holds at that s, else order 30. A zero A², A³, A⁴ or A⁵ (nilpotent A)
/// gives the exact T1, T2, T3 or T4 with s = 0. The powers are scaled (A^k/2^{ks}), evaluated, and
/// the result squared s times.
///
/// Simplifications, all stated: (1) `NormEst` = 0 — the authors' default `NormEst` = 1 refines the
/// same bounds with 1-norm estimates of higher powers (matrix–vector products); here only the exact
/// norms of the powers the evaluation needs anyway are used, as `expmpol.m` does with `NormEst` = 0.
/// (2) The bound arithmetic is done in Double for both precisions, with α taken through log2 when
/// a31 or a32 overflows (`expmpol.m` would take the log of Inf), and s is never negative.
/// (3) A^k/2^{ks} is formed entry by entry as an exact binary scaling (no underflowing factor 2^{-ks}).
/// As published, the powers are formed from the unscaled A and then scaled: when one of them overflows
/// (Float: an entry of A^k beyond 3.4e38, e.g. a rotation by θ ≳ 1e8 where A⁵ is needed) the result is
/// non-finite although exp(A) is not, and s is then taken as 0.
/// Float: same formulas and orders with u = 2^-24 in the bounds (see `TaylorSastreParameters.float32`:
/// not published; derived from the published definitions).
///
/// Conventions of this harness, not claimed by the authors: 0×0 input returns itself ("empty"), 1×1
/// input returns the C library's scalar exp ("1x1"), non-square input throws, and a NaN or infinite
/// ‖A‖₁ takes T30 with s = 0 so that the non-finite entries propagate.
public struct TaylorSastre<T: BLASScalar>: ExpmCandidate {
    public typealias Scalar = T

    public init() {}

    public var name: String { "taylor-sastre" }

    public var source: String {
        "Sastre, Ibanez & Defez, \"Boosting the computation of the matrix exponential\", Appl. Math. "
            + "Comput. 340:206-220, 2019, doi:10.1016/j.amc.2018.08.017, as implemented in J. Sastre's "
            + "expmpol.m (2018-02-04) with kmax = 7 (orders 1, 2, 4, 8, 15+, 21+, 24, 30; 30 or 24 after "
            + "scaling) and NormEst = 0 (bounds from exact 1-norms of A..A^4, no norm estimation). "
            + "Coefficients of 15+ and 21+ from the paper's eqs. (10)-(12) and (17)-(19), of 8, 24, 30 "
            + "from expmpol.m; selection parameters from the paper's Table 5 as listed in expmpol.m "
            + "(u = 2^-53). float32: same formulas and orders, u = 2^-24 in the bounds (parameters not "
            + "published; derived from the published definitions)."
    }

    /// The selection parameters for T.
    public static var parameters: TaylorSastreParameters {
        PrecisionSelect.value(for: T.self, float32: .float32, float64: .float64)
    }

    /// exp(A) by the algorithm above, with the order and scaling chosen.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func exp(_ a: Matrix<T>) throws -> ExpmResult<T> {
        if let trivial = try TrivialShapes.exp(a) { return trivial }
        // powers[k - 1] = A^k, computed on demand as expmpol.m does: A² = A·A, A³ = A²·A, A⁴ = A²·A²,
        // A⁵ = A⁴·A.
        var powers = [a]
        func power(_ k: Int) -> Matrix<T> {
            while powers.count < k {
                let next = powers.count + 1
                let p = next == 4 ? powers[1] * powers[1] : powers[next - 2] * a
                powers.append(p)
            }
            return powers[k - 1]
        }
        let (branch, s) = TaylorSastreSelection.choose(
            norm1: Double(a.norm1), parameters: Self.parameters,
            powerNorm: { k in Double(power(k).norm1) })
        for k in 1...branch.powers { _ = power(k) }
        let p = (0..<branch.powers).map { Self.scaled(powers[$0], exponent: -s * ($0 + 1)) }
        let x = Self.evaluate(branch, p)
        return ExpmResult(
            value: ScalingAndSquaring.squared(x, times: s),
            choice: ExpmChoice(approximant: branch.label, degree: branch.order, scaling: s))
    }

    /// X·2^e, entry by entry (exact unless an entry under- or overflows; no separate factor 2^e that
    /// could itself underflow).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scaled(_ x: Matrix<T>, exponent e: Int) -> Matrix<T> {
        if e == 0 { return x }
        return x.mapEntries { T(sign: .plus, exponent: T.Exponent(e), significand: $0) }
    }

    /// The branch's formula on the (already scaled) powers p = [A, A², …] (`branch.powers` of them).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func evaluate(_ branch: TaylorSastreBranch, _ p: [Matrix<T>]) -> Matrix<T> {
        typealias S = TaylorSastreScheme
        switch branch {
        case .t1: return S.t1(p[0])
        case .t2: return S.t2(p[0], p[1])
        case .t3: return S.t3(p[0], p[1], p[2])
        case .t4: return S.t4(p[0], p[1])
        case .t4FromPowers: return S.t4FromPowers(p[0], p[1], p[2], p[3])
        case .t8: return S.t8(p[0], p[1])
        case .t15Plus: return S.t15Plus(p[0], p[1])
        case .t21Plus: return S.t21Plus(p[0], p[1], p[2])
        case .t24: return S.t24(p[0], p[1], p[2], p[3])
        case .t30: return S.t30(p[0], p[1], p[2], p[3], p[4])
        }
    }
}

/// The evaluation formulas of taylor-sastre: which one, its order m, and the powers A … A^q it takes.
public enum TaylorSastreBranch: String, CaseIterable, Sendable {
    /// I + A (‖A‖₁ ≤ Θ1, or A² = 0).
    case t1
    /// A²/2 + A + I (its bound holds, or A³ = 0).
    case t2
    /// A³/6 + A²/2 + A + I, only for A⁴ = 0 (exact there).
    case t3
    /// ((A²/4 + A)/3 + I)·A²/2 + A + I (one product after A²).
    case t4
    /// ((A⁴/4 + A³)/3 + A²)/2 + A + I from the powers, only for A⁵ = 0 (exact there, s = 0).
    case t4FromPowers
    case t8, t15Plus, t21Plus, t24, t30

    /// The Taylor order m it reproduces.
    public var order: Int {
        switch self {
        case .t1: return 1
        case .t2: return 2
        case .t3: return 3
        case .t4, .t4FromPowers: return 4
        case .t8: return 8
        case .t15Plus: return 15
        case .t21Plus: return 21
        case .t24: return 24
        case .t30: return 30
        }
    }

    /// The choice label: "T1" … "T8", "T15+", "T21+", "T24", "T30".
    public var label: String {
        switch self {
        case .t15Plus, .t21Plus: return "T\(order)+"
        default: return "T\(order)"
        }
    }

    /// q: the formula takes A, A², …, A^q.
    public var powers: Int {
        switch self {
        case .t1: return 1
        case .t2, .t4, .t8, .t15Plus: return 2
        case .t3, .t21Plus: return 3
        case .t4FromPowers, .t24: return 4
        case .t30: return 5
        }
    }
}

/// The order and scaling selection of `expmpol.m`'s `ms_selectNoNormEst` with m_M = 30, as a function
/// of the 1-norms: ‖A‖₁ is given, ‖A^k‖₁ (k = 2 … 5) is asked for through `powerNorm` only when
/// `expmpol.m` computes A^k, in the same order, so that the products made are those of the published
/// algorithm. All bound arithmetic in Double.
enum TaylorSastreSelection {
    /// The branch and the scaling exponent s.
    static func choose(
        norm1 a1: Double, parameters pm: TaylorSastreParameters, powerNorm: (Int) -> Double
    ) -> (TaylorSastreBranch, Int) {
        guard a1.isFinite else {
            for k in 2...5 { _ = powerNorm(k) }
            return (.t30, 0)
        }
        if a1 <= pm.theta1 { return (.t1, 0) }
        let a2 = powerNorm(2)
        if a2 == 0 { return (.t1, 0) }
        // holds(i, x, y): the two-term bound of orders[i], c·x + y ≤ max(1, ‖A/2^s‖₁)·u/|g_{m+2}|.
        func holds(_ i: Int, _ x: Double, _ y: Double, scaledNorm: Double = a1) -> Bool {
            pm.ratio[i] * x + y <= max(1, scaledNorm) * pm.uOverG[i]
        }
        // m = 2, 4, 8, 15+: bounds from ‖A‖₁ and ‖A²‖₁ only.
        let b3 = a1 * a2, b4 = a2 * a2
        if holds(0, b3, b4) { return (.t2, 0) }
        let b5 = b4 * a1, b6 = b4 * a2
        if holds(1, b5, b6) { return (.t4, 0) }
        let b9 = b5 * b4, b10 = b6 * b4
        if holds(2, b9, b10) { return (.t8, 0) }
        let b16 = pow(a2, 8), b17 = b16 * a1
        if holds(3, b16, b17) { return (.t15Plus, 0) }
        // m = 21+: A³.
        let a3 = powerNorm(3)
        if a3 == 0 { return (.t2, 0) }
        let b22 = min(pow(a2, 11), pow(a3, 6) * pow(a2, 2), pow(a3, 7) * a1)
        let b23 = min(pow(a2, 10) * a3, pow(a3, 7) * a2)
        if holds(4, b22, b23) { return (.t21Plus, 0) }
        // m = 24: A⁴.
        let a4 = powerNorm(4)
        if a4 == 0 { return (.t3, 0) }
        let b25 = min(pow(a4, 6) * a1, pow(a3, 7) * a4)
        let b26 = min(pow(a4, 6), pow(a3, 8)) * a2
        if holds(5, b25, b26) { return (.t24, 0) }
        // m = 30 without scaling.
        let b31 = min(pow(a4, 7) * a3, pow(a3, 9) * a4)
        let b32 = min(pow(a4, 8), pow(a3, 10) * a2, b31 * a1)
        var branch = TaylorSastreBranch.t30
        var s = 0
        if !holds(6, b31, b32) {
            s = scalingExponent(
                b31: b31, b32: b32, theta: pm.theta[6],
                logs: (log2(a1), log2(a2), log2(a3), log2(a4)))
            // The order-30 bound at s − 1 (one squaring fewer), then order 24 at s.
            if s > 0, holds(6, scale(b31, -31 * (s - 1)), scale(b32, -32 * (s - 1)), scaledNorm: scale(a1, -(s - 1))) {
                s -= 1
            }
            if holds(5, scale(b25, -25 * s), scale(b26, -26 * s), scaledNorm: scale(a1, -s)) {
                branch = .t24
            }
        }
        if branch == .t30, powerNorm(5) == 0 { return (.t4FromPowers, 0) }
        return (branch, s)
    }

    /// x·2^e exactly (no overflowing or underflowing factor 2^e).
    static func scale(_ x: Double, _ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: x) }

    /// s = ⌈log2(α/Θ)⌉ ≥ 0 with α = max(b31^{1/31}, b32^{1/32}), as `expmpol.m` computes it with
    /// [t, s] = log2(α/Θ), s − (t == 0.5); through the logs of the norms when b31 or b32 overflowed.
    static func scalingExponent(
        b31: Double, b32: Double, theta: Double, logs: (Double, Double, Double, Double)
    ) -> Int {
        if b31.isFinite && b32.isFinite {
            let r = max(pow(b31, 1.0 / 31), pow(b32, 1.0 / 32)) / theta
            guard r > 1 else { return 0 }
            // ⌈log2 r⌉ exactly: r = 1.f·2^e is a power of two iff its significand is 1.
            return Int(r.exponent) + (r.significand == 1 ? 0 : 1)
        }
        let (l1, l2, l3, l4) = logs
        let l31 = min(7 * l4 + l3, 9 * l3 + l4)
        let l32 = min(8 * l4, 10 * l3 + l2, l31 + l1)
        let e = (max(l31 / 31, l32 / 32) - log2(theta)).rounded(.up)
        // A power of A itself overflowed (or is NaN): the scaled powers will not be finite either.
        guard e.isFinite else { return 0 }
        return max(0, Int(e))
    }
}

/// The formulas of taylor-sastre, written once against `SchemeAlgebra` so that the same text computes
/// exp and is audited. Each takes the powers it uses; sums are formed left to right in the order of
/// `expmpol.m`'s EFFEVPOL, divisions where it divides, coefficients (`TaylorSastreCoefficients`)
/// rounded once to the working precision.
public enum TaylorSastreScheme {
    /// T1 = A + I (no product).
    @inlinable
    public static func t1<M: SchemeAlgebra>(_ a: M) -> M { a.addingDiagonal(1) }

    /// T2 = A²/2 + A + I (no product after A²).
    @inlinable
    public static func t2<M: SchemeAlgebra>(_ a: M, _ a2: M) -> M {
        (a2.divided(by: 2) + a).addingDiagonal(1)
    }

    /// T3 = A³/6 + A²/2 + A + I (no product after A³); used only when A⁴ = 0.
    @inlinable
    public static func t3<M: SchemeAlgebra>(_ a: M, _ a2: M, _ a3: M) -> M {
        ((a3.divided(by: 6) + a2.divided(by: 2)) + a).addingDiagonal(1)
    }

    /// T4 = ((A²/4 + A)/3 + I)·A²/2 + A + I (one product after A²).
    @inlinable
    public static func t4<M: SchemeAlgebra>(_ a: M, _ a2: M) -> M {
        let inner = (a2.divided(by: 4) + a).divided(by: 3).addingDiagonal(1)
        return ((inner * a2).divided(by: 2) + a).addingDiagonal(1)
    }

    /// T4 = ((A⁴/4 + A³)/3 + A²)/2 + A + I from the powers (no product); used only when A⁵ = 0.
    @inlinable
    public static func t4FromPowers<M: SchemeAlgebra>(_ a: M, _ a2: M, _ a3: M, _ a4: M) -> M {
        (((a4.divided(by: 4) + a3).divided(by: 3) + a2).divided(by: 2) + a).addingDiagonal(1)
    }

    /// Order 8 (two products after A²), coefficients `TaylorSastreCoefficients.t8`.
    @inlinable
    public static func t8<M: SchemeAlgebra>(_ a: M, _ a2: M) -> M {
        let c = TaylorSastreCoefficients.t8.map { M.Coefficient($0) }
        let y0 = a2 * (c[0] * a2 + c[1] * a)
        let product = ((y0 + c[2] * a2) + c[3] * a) * (y0 + c[4] * a2)
        return (((product + c[5] * y0) + a2.divided(by: 2)) + a).addingDiagonal(1)
    }

    /// Order 15+, the paper's eqs. (10)–(12) (three products after A²), coefficients
    /// `TaylorSastreCoefficients.t15Plus`.
    @inlinable
    public static func t15Plus<M: SchemeAlgebra>(_ a: M, _ a2: M) -> M {
        let c = [M.Coefficient(0)] + TaylorSastreCoefficients.t15Plus.map { M.Coefficient($0) }
        let y0 = a2 * (c[1] * a2 + c[2] * a)
        let y1 = (((y0 + c[3] * a2) + c[4] * a) * (y0 + c[5] * a2) + c[6] * y0) + c[7] * a2
        let product = ((y1 + c[8] * a2) + c[9] * a) * ((y1 + c[10] * y0) + c[11] * a)
        return ((((product + c[12] * y1) + c[13] * y0) + c[14] * a2) + a).addingDiagonal(1)
    }

    /// Order 21+, the paper's eqs. (17)–(19) (three products after A², A³), coefficients
    /// `TaylorSastreCoefficients.t21Plus`.
    @inlinable
    public static func t21Plus<M: SchemeAlgebra>(_ a: M, _ a2: M, _ a3: M) -> M {
        let c = [M.Coefficient(0)] + TaylorSastreCoefficients.t21Plus.map { M.Coefficient($0) }
        let y0 = a3 * ((c[1] * a3 + c[2] * a2) + c[3] * a)
        let left1 = ((y0 + c[4] * a3) + c[5] * a2) + c[6] * a
        let right1 = (y0 + c[7] * a3) + c[8] * a2
        let y1 = ((left1 * right1 + c[9] * y0) + c[10] * a3) + c[11] * a2
        let left2 = ((y1 + c[12] * a3) + c[13] * a2) + c[14] * a
        let right2 = (y1 + c[15] * y0) + c[16] * a
        let sum = ((((left2 * right2 + c[17] * y1) + c[18] * y0) + c[19] * a3) + c[20] * a2) + a
        return sum.addingDiagonal(1)
    }

    /// Order 24 (three products after A², A³, A⁴), coefficients `TaylorSastreCoefficients.t24`.
    @inlinable
    public static func t24<M: SchemeAlgebra>(_ a: M, _ a2: M, _ a3: M, _ a4: M) -> M {
        let c = [M.Coefficient(0)] + TaylorSastreCoefficients.t24.map { M.Coefficient($0) }
        let y0 = a4 * (((c[1] * a4 + c[2] * a3) + c[3] * a2) + c[4] * a)
        let left1 = (((y0 + c[5] * a4) + c[6] * a3) + c[7] * a2) + c[8] * a
        let right1 = ((y0 + c[9] * a4) + c[10] * a3) + c[11] * a2
        let y1 = ((((left1 * right1 + c[12] * y0) + c[13] * a4) + c[14] * a3) + c[15] * a2) + c[16] * a
        let right2 = (((y0 + c[17] * a4) + c[18] * a3) + c[19] * a2) + c[20] * a
        let sum = (((y1 * right2 + c[21] * a4) + c[22] * a3) + c[23] * a2) + a
        return sum.addingDiagonal(1)
    }

    /// Order 30 (three products after A² … A⁵), coefficients `TaylorSastreCoefficients.t30`.
    @inlinable
    public static func t30<M: SchemeAlgebra>(_ a: M, _ a2: M, _ a3: M, _ a4: M, _ a5: M) -> M {
        let c = [M.Coefficient(0)] + TaylorSastreCoefficients.t30.map { M.Coefficient($0) }
        let y0 = a5 * ((((c[1] * a5 + c[2] * a4) + c[3] * a3) + c[4] * a2) + c[5] * a)
        let left1 = ((((y0 + c[6] * a5) + c[7] * a4) + c[8] * a3) + c[9] * a2) + c[10] * a
        let right1 = (((y0 + c[11] * a5) + c[12] * a4) + c[13] * a3) + c[14] * a2
        let y1 = (((((left1 * right1 + c[15] * y0) + c[16] * a5) + c[17] * a4) + c[18] * a3) + c[19] * a2)
            + c[20] * a
        let right2 = ((((y0 + c[21] * a5) + c[22] * a4) + c[23] * a3) + c[24] * a2) + c[25] * a
        let sum = ((((y1 * right2 + c[26] * a5) + c[27] * a4) + c[28] * a3) + c[29] * a2) + a
        return sum.addingDiagonal(1)
    }

    /// The branch's formula on A, with the powers formed as `expmpol.m` forms them
    /// (A² = A·A, A³ = A²·A, A⁴ = A²·A², A⁵ = A⁴·A).
    @inlinable
    public static func evaluate<M: SchemeAlgebra>(_ branch: TaylorSastreBranch, on a: M) -> M {
        var p = [a]
        while p.count < branch.powers {
            let k = p.count + 1
            p.append(k == 4 ? p[1] * p[1] : p[k - 2] * a)
        }
        switch branch {
        case .t1: return t1(p[0])
        case .t2: return t2(p[0], p[1])
        case .t3: return t3(p[0], p[1], p[2])
        case .t4: return t4(p[0], p[1])
        case .t4FromPowers: return t4FromPowers(p[0], p[1], p[2], p[3])
        case .t8: return t8(p[0], p[1])
        case .t15Plus: return t15Plus(p[0], p[1])
        case .t21Plus: return t21Plus(p[0], p[1], p[2])
        case .t24: return t24(p[0], p[1], p[2], p[3])
        case .t30: return t30(p[0], p[1], p[2], p[3], p[4])
        }
    }
}

/// The formulas of taylor-sastre for `harness audit`, one per branch.
struct TaylorSastreSchemes: AuditableScheme {
    let branch: TaylorSastreBranch
    var label: String { branch == .t4FromPowers ? "T4(A^5=0)" : branch.label }
    var candidate: String { "taylor-sastre" }
    var target: SchemeTarget { .taylor(degree: branch.order) }

    static let all: [any AuditableScheme] = TaylorSastreBranch.allCases.map { TaylorSastreSchemes(branch: $0) }

    private func parameters(_ precision: Precision) -> TaylorSastreParameters {
        precision == .float32 ? .float32 : .float64
    }

    func usage(precision: Precision) -> String {
        let bound = "its two-term bound on ‖A^k‖₁ holds (first of 2, 4, 8, 15+, 21+, 24, 30)"
        switch branch {
        case .t1: return "‖A‖₁ ≤ Θ1, or A² = 0 (exact)"
        case .t2: return "\(bound), or A³ = 0 (exact)"
        case .t3: return "only when A⁴ = 0 (exact)"
        case .t4FromPowers: return "only when A⁵ = 0 (exact, s = 0)"
        case .t4, .t8, .t15Plus, .t21Plus: return bound
        case .t24: return "\(bound); or on A/2^s when its bound holds there"
        case .t30: return "\(bound); otherwise on A/2^s (s from Θ30), unless T24 suffices there"
        }
    }

    /// Θ_m of the precision: every A with ‖A‖₁ ≤ Θ_m passes the order-m bound (the bounds are in terms
    /// of ‖A^k‖₁, so matrices with decaying powers use the order at larger ‖A‖₁). 0 for the formulas used
    /// only on nilpotent matrices, where they are exact.
    func maxNorm(precision: Precision) -> Double {
        let pm = parameters(precision)
        switch branch {
        case .t1: return pm.theta1
        case .t3, .t4FromPowers: return 0
        default: return pm.theta[TaylorSastreParameters.orders.firstIndex(of: branch.order)!]
        }
    }

    func evaluate<M: SchemeAlgebra>(_ a: M) -> SchemeValue<M> {
        .polynomial(TaylorSastreScheme.evaluate(branch, on: a))
    }
}
