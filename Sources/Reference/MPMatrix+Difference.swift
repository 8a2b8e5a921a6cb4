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
        let normwise = Self.ratio(
            columnSumMaximum(precision: p) { d, i, j in mpfr_sub(d, self.entry(i, j), other.entry(i, j), rnd) },
            columnSumMaximum(precision: p) { d, i, j in mpfr_set(d, self.entry(i, j), rnd) })
        return RelativeDifference(normwise: normwise, componentwise: worstEntryRatio(other, precision: p))
    }

    /// max_j Σ_i |f(i, j)| at `precision` bits, where `f` writes its value into its first argument.
    private func columnSumMaximum(
        precision p: Int, _ f: (UnsafeMutablePointer<__mpfr_struct>, Int, Int) -> Int32
    ) -> MPFloat {
        let best = MPFloat(precision: p), column = MPFloat(precision: p), term = MPFloat(precision: p)
        withExtendedLifetime((column, term)) {
            for j in 0..<order {
                mpfr_set_zero(column.value, 1)
                for i in 0..<order {
                    _ = f(term.value, i, j)
                    mpfr_abs(term.value, term.value, rnd)
                    mpfr_add(column.value, column.value, term.value, rnd)
                }
                mpfr_max(best.value, best.value, column.value, rnd)
            }
        }
        return best
    }

    /// max |x₁ − x₂|/|x₁| over entries with x₁ ≠ 0, together with |x₂|/max|X₁| over entries
    /// where x₁ = 0 (an exact zero has no scale of its own; matching zeros contribute nothing).
    private func worstEntryRatio(_ other: MPMatrix, precision p: Int) -> MPFloat {
        let worst = MPFloat(precision: p), worstAtZero = MPFloat(precision: p), largest = MPFloat(precision: p)
        let diff = MPFloat(precision: p), magnitude = MPFloat(precision: p)
        withExtendedLifetime((diff, magnitude)) {
            for e in 0..<(order * order) {
                mpfr_sub(diff.value, entries + e, other.entries + e, rnd)
                mpfr_abs(diff.value, diff.value, rnd)
                mpfr_abs(magnitude.value, entries + e, rnd)
                mpfr_max(largest.value, largest.value, magnitude.value, rnd)
                if mpfr_zero_p(entries + e) != 0 {
                    mpfr_max(worstAtZero.value, worstAtZero.value, diff.value, rnd)
                } else {
                    mpfr_div(diff.value, diff.value, magnitude.value, rnd)
                    mpfr_max(worst.value, worst.value, diff.value, rnd)
                }
            }
        }
        let atZero = Self.ratio(worstAtZero, largest)
        return atZero < worst ? worst : atZero
    }

    /// x / y with 0/0 = 0 and x/0 = +Inf for x > 0 (x, y ≥ 0).
    private static func ratio(_ x: MPFloat, _ y: MPFloat) -> MPFloat {
        if x.isZero { return MPFloat(precision: x.precision) }
        if y.isZero { return MPFloat(.infinity, precision: x.precision) }
        return x / y
    }
}
