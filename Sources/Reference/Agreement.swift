import Linalg

/// Decimal digits on which two approximations of the same matrix agree.
public struct AgreementDigits: Equatable, Sendable {
    /// −log10(‖X₁−X₂‖₁/‖X₁‖₁), clamped to [0, cap].
    public var normwise: Double
    /// −log10 of the worst entrywise relative difference (see `Agreement`), clamped to [0, cap].
    public var componentwise: Double

    /// Digits from their parts.
    public init(normwise: Double, componentwise: Double) {
        self.normwise = normwise
        self.componentwise = componentwise
    }
}

/// Counting digits of agreement between a reference X₁ and a second computation X₂.
///
/// Normwise: −log10(‖X₁−X₂‖₁/‖X₁‖₁). Componentwise: −log10 of the largest of
///   * |x₁ − x₂|/|x₁| over entries with x₁ ≠ 0, and
///   * |x₂|/max|X₁| over entries with x₁ = 0 but x₂ ≠ 0 (an exact zero has no relative scale,
///     so a spurious nonzero is measured against the largest entry; matching zeros count as
///     full agreement).
/// Both are clamped to [0, cap]: identical matrices give exactly `cap`, never infinity, and a
/// difference as large as X₁ itself gives 0. If either matrix has a NaN or infinite entry, or
/// X₁ is zero while X₂ is not, the result is 0 digits.
/// All differences and ratios are computed in MPFR at the larger of the two precisions.
public enum Agreement {
    /// Digits of agreement of `x2` with the reference `x1` (same order).
    public static func digits(_ x1: MPMatrix, _ x2: MPMatrix, cap: Double) -> AgreementDigits {
        guard let difference = x1.relativeDifference(from: x2) else {
            return AgreementDigits(normwise: 0, componentwise: 0)
        }
        return AgreementDigits(
            normwise: digits(ratio: difference.normwise, cap: cap),
            componentwise: digits(ratio: difference.componentwise, cap: cap))
    }

    /// Digits of agreement of hi₂ + lo₂ with the reference hi₁ + lo₁, the sums formed exactly
    /// enough in MPFR (256 bits) that the result is limited only by the data (≈106 bits each).
    public static func digits(
        hi1: Matrix<Double>, lo1: Matrix<Double>, hi2: Matrix<Double>, lo2: Matrix<Double>,
        cap: Double
    ) -> AgreementDigits {
        digits(
            MPMatrix.fromHiLo(hi1, lo1, precision: 256), MPMatrix.fromHiLo(hi2, lo2, precision: 256),
            cap: cap)
    }

    /// −log10(ratio) clamped to [0, cap]; a zero ratio gives `cap`.
    private static func digits(ratio: MPFloat, cap: Double) -> Double {
        if ratio.isZero { return cap }
        let d = -ratio.log10Magnitude
        if d.isNaN { return 0 }
        return min(cap, max(0, d))
    }
}
