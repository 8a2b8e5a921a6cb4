import Linalg

/// The base matrices of the `sweep` family: one variant of each generated family, so that every kind
/// of structure meets every threshold (`NormSweep`).
///
/// A sweep case `sweep-<base>-norm<v>-n<n>-seed<s>` is the base variant's own case for the same n and
/// seed (same id-seeded random stream, so `sweep-randn-…-n8-seed1` is a multiple of `randn-s1.0-n8-seed1`),
/// scaled so that ‖A‖₁ = v. All targets of one base and seed thus lie on one ray {c·B : c > 0}: along
/// the sweep only the norm changes, not the matrix's shape, so a change in a candidate's choice or error
/// between two sweep cases is the norm's doing.
public enum SweepBase: String, CaseIterable, Codable, Sendable {
    /// `randn-s1.0`: dense N(0, 1), normal-ish, ‖A^k‖₁^{1/k} well below ‖A‖₁.
    case randn
    /// `rotation-skew`: exactly skew-symmetric, exp orthogonal.
    case skew
    /// `nilpotent-upper`: strictly upper triangular, exp a finite series.
    case upper
    /// `illcond-triu-k3`: 2×2 upper-triangular blocks with coupling 10³ times the diagonal: ‖A‖₁ about
    /// 10³ times the spectral radius, the overscaling regime where ‖A^k‖₁^{1/k}-based choices
    /// (pade13-almohy09, taylor-sastre) differ most from ‖A‖₁-based ones.
    case triuK3 = "triu-k3"
    /// `markov-dense`: rate matrix, rows summing to exactly 0, exp stochastic.
    case markov

    /// The variant whose matrix is scaled.
    public var variant: CaseSpec.Variant {
        switch self {
        case .randn: return .randn(sigma: "1.0")
        case .skew: return .rotationSkew
        case .upper: return .nilpotentUpper
        case .triuK3: return .illcondTriu(k: 3)
        case .markov: return .markovDense
        }
    }
}

extension CaseSpec {
    /// The sweep case's matrix: B = the base variant's matrix (order n, same seed), scaled by
    /// c = norm/‖B‖₁ and rounded to Float, with the base's structure kept exactly.
    ///
    /// ‖B‖₁ is `Matrix.norm1`, a fixed-order loop in Double (columns, then rows, ascending; no BLAS), so
    /// c has the same bits everywhere. Then:
    /// - randn, skew, upper, triu-k3: aᵢⱼ = fl₂₄(bᵢⱼ·c), entry by entry. Zeros stay zero (strictly upper
    ///   and block structure kept) and rounding is odd-symmetric, fl(−x) = −fl(x), so skew-symmetry is exact.
    /// - markov: see `scaledRateMatrix`: rates rounded on a per-row grid so that the diagonal −Σ rates
    ///   is exact and rows still sum to exactly 0, in Double and in Float.
    ///
    /// Placement, with u = 2^-24 (Float) and ε = 2^-53 (Double), to first order:
    /// - entrywise rounding: |aᵢⱼ| = c·|bᵢⱼ|·(1 + δᵢⱼ), |δᵢⱼ| ≤ u + ε (product in Double, then Float),
    ///   so every column sum, hence ‖A‖₁, is within a factor 1 ± (u + ε) of ‖c·B‖₁; and c·‖B‖₁ is within
    ///   (n + 1)·ε of norm (‖B‖₁'s summation of n terms, (n − 1)·ε; the division, ε). Hence
    ///   |‖A‖₁/norm − 1| ≤ u + (n + 2)·ε.
    /// - markov: each rate moves by at most q/2 ≤ u·Sᵢ (Sᵢ the row's rate sum, q its grid), the diagonal
    ///   by at most (n − 1)·u·Sᵢ, and a column sum by at most 2(n − 1)·u·maxᵢ Sᵢ ≤ 2(n − 1)·u·‖c·B‖₁
    ///   (every Sᵢ = |(c·B)ᵢᵢ| ≤ ‖c·B‖₁). Hence |‖A‖₁/norm − 1| ≤ 2(n − 1)·u + (n + 3)·ε (14·u at n = 8).
    /// Both are far below the 1e-3 by which sweep targets straddle a threshold (`NormSweep`).
    ///
    /// A zero base matrix (n < 2 for most bases) cannot be scaled and is returned as it is; ids with
    /// n < `NormSweep.minimumOrder` are not accepted.
    static func sweepMatrix(base: SweepBase, norm: Double, n: Int, seed: UInt64?) -> Matrix<Double> {
        let b = CaseSpec(base.variant, n: n, seed: seed).matrix()
        let normB = b.norm1
        guard normB > 0 else { return b }
        let c = norm / normB
        if base == .markov { return scaledRateMatrix(b, by: c) }
        return Matrix(rows: n, cols: n, elements: b.elements.map { Double(Float($0 * c)) })
    }

    /// c·B for a rate matrix B, with rows summing to exactly 0 in Float and in Double.
    ///
    /// Row i: the rates rᵢⱼ = c·bᵢⱼ (j ≠ i) are rounded to the nearest multiple of q = 2^e, the smallest
    /// power of two for which their rounded sum S̃ is below 2^24·q (e starts from the unrounded sum's
    /// exponent − 23 and is raised while S̃ ≥ 2^24·q). Every rate and every partial sum is then a multiple of
    /// q below 2^24·q, exact in Float and Double, so aᵢᵢ = −S̃ is exact and the row sums to exactly 0 in any
    /// order — the property `rateMatrix` guarantees with its 11-bit rates, kept here with 24-bit ones.
    /// Rates stay ≥ 0 (rounding a nonnegative number to a grid containing 0).
    static func scaledRateMatrix(_ b: Matrix<Double>, by c: Double) -> Matrix<Double> {
        let n = b.rows
        var a = Matrix<Double>(rows: n, cols: n)
        for i in 0..<n {
            let rates = (0..<n).map { j in j == i ? 0 : b[i, j] * c }
            var exactSum = 0.0
            for j in 0..<n where j != i { exactSum += rates[j] }
            guard exactSum > 0 else { continue }  // no rates: a zero row
            var e = Int(exactSum.exponent) - 23
            while true {
                let q = Double(sign: .plus, exponent: e, significand: 1)
                // (x/q).rounded()·q: division and product by a power of two are exact here (no
                // underflow: q ≥ 2^-23 of a row sum ≥ 2^-126 in every case generated), so only the
                // rounding to an integer rounds.
                let rounded = rates.map { ($0 / q).rounded(.toNearestOrEven) * q }
                var sum = 0.0
                for j in 0..<n where j != i { sum += rounded[j] }
                if sum < Double(sign: .plus, exponent: e + 24, significand: 1) {
                    for j in 0..<n where j != i { a[i, j] = rounded[j] }
                    a[i, i] = -sum
                    break
                }
                e += 1
            }
        }
        return a
    }
}
