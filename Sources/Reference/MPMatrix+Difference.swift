import CMPFR

/// Relative differences between two MPFR matrices, the raw material of a certificate.
struct RelativeDifference {
    /// ‖X₁ − X₂‖₁ / ‖X₁‖₁ (0 if both norms are 0, +Inf if only ‖X₁‖₁ is 0).
    var normwise: MPFloat
    /// The worst entry: max |x₁ − x₂|/|x₁| over x₁ ≠ 0, and |x₂|/max|X₁| over x₁ = 0 ≠ x₂.
    var componentwise: MPFloat
}

extension MPMatrix {
    /// Relative differences of `other` from `self` (self plays X₁, the reference), computed in
    /// MPFR at the larger precision of the two with rounding to nearest: each ratio is accurate
    /// to a relative n·2^-p, which is immaterial for counting digits. Returns nil if either
    /// matrix has a NaN or infinite entry.
    func relativeDifference(from other: MPMatrix) -> RelativeDifference? {
        precondition(other.order == order, "order mismatch in difference")
        guard isFinite && other.isFinite else { return nil }
        let p = max(precision, other.precision)
        let diff = MPFloat(precision: p), column = MPFloat(precision: p), columnRef = MPFloat(precision: p)
        let normDiff = MPFloat(precision: p), normRef = MPFloat(precision: p)
        let worstRatio = MPFloat(precision: p), worstAtZero = MPFloat(precision: p)
        let maxRef = MPFloat(precision: p), magnitude = MPFloat(precision: p)
        for j in 0..<order {
            mpfr_set_zero(column.value, 1)
            mpfr_set_zero(columnRef.value, 1)
            for i in 0..<order {
                let x1 = entry(i, j), x2 = other.entry(i, j)
                mpfr_sub(diff.value, x1, x2, rnd)
                mpfr_abs(diff.value, diff.value, rnd)
                mpfr_abs(magnitude.value, x1, rnd)
                mpfr_add(column.value, column.value, diff.value, rnd)
                mpfr_add(columnRef.value, columnRef.value, magnitude.value, rnd)
                mpfr_max(maxRef.value, maxRef.value, magnitude.value, rnd)
                if mpfr_zero_p(x1) != 0 {
                    // Here |x₁ − x₂| = |x₂|; it is judged against the largest |X₁| afterwards.
                    mpfr_max(worstAtZero.value, worstAtZero.value, diff.value, rnd)
                } else {
                    mpfr_div(diff.value, diff.value, magnitude.value, rnd)
                    mpfr_max(worstRatio.value, worstRatio.value, diff.value, rnd)
                }
            }
            mpfr_max(normDiff.value, normDiff.value, column.value, rnd)
            mpfr_max(normRef.value, normRef.value, columnRef.value, rnd)
        }
        let atZero = Self.ratio(worstAtZero, maxRef)
        mpfr_max(worstRatio.value, worstRatio.value, atZero.value, rnd)
        return RelativeDifference(normwise: Self.ratio(normDiff, normRef), componentwise: worstRatio)
    }

    /// x / y with 0/0 = 0 and x/0 = +Inf for x > 0 (x, y ≥ 0).
    private static func ratio(_ x: MPFloat, _ y: MPFloat) -> MPFloat {
        if x.isZero { return MPFloat(precision: x.precision) }
        if y.isZero { return MPFloat(.infinity, precision: x.precision) }
        return x / y
    }
}
