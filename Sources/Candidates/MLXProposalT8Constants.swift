/// The scalars of the degree-8 polynomial `_compute_T8` exactly as posted in the MLX feature request
/// (ml-explore/mlx issue #1779, comment by N8python, 2025-01-19), evaluated in Double in the posted
/// operation order — the post is Python, so each is an IEEE double produced by these very operations.
///
/// The post ports PyTorch's use of the degree-8 scheme of Bader, Blanes & Casas (2019), but one
/// constant departs from that scheme: see `x7`. These values are the object under verification and
/// are kept as posted.
public enum MLXProposalT8Coefficients {
    /// √177 as the literal posted (`sqrt_177 = 0.1330413469565007072504e+2`).
    public static let sqrt177: Double = 0.1330413469565007072504e+2
    /// Posted `x3 = 2/3` (a Python float division).
    public static let x3: Double = 2.0 / 3.0
    /// Posted `x1 = x3 * ((1 + sqrt_177) / 88)`.
    public static let x1: Double = x3 * ((1 + sqrt177) / 88)
    /// Posted `x2 = x3 * ((1 + sqrt_177) / 352)`.
    public static let x2: Double = x3 * ((1 + sqrt177) / 352)
    /// Posted `x4 = (-271 + 29 * sqrt_177) / (315 * x3)`.
    public static let x4: Double = (-271 + 29 * sqrt177) / (315 * x3)
    /// Posted `x5 = (-11 + 11 * sqrt_177) / (1260 * x3)`.
    public static let x5: Double = (-11 + 11 * sqrt177) / (1260 * x3)
    /// Posted `x6 = (-99 + 11 * sqrt_177) / (5040 * x3)`.
    public static let x6: Double = (-99 + 11 * sqrt177) / (5040 * x3)
    /// Posted `x7 = (89 - sqrt_177) / (5040 * x3)`.
    ///
    /// Known departure under verification: the degree-8 scheme of Bader, Blanes & Casas (2019)
    /// divides by 5040·x3², not 5040·x3, so the posted x7 is x3 = 2/3 times the published one, and
    /// the polynomial matches the Taylor series of exp only through degree 4. PyTorch's
    /// `compute_T8` carried the same 5040·x3 when the post was written (later reported upstream as
    /// pytorch/pytorch issue #196592 and changed by PR #196658); the post inherited it. It is
    /// reproduced as posted on purpose: this is what is being verified, and the harness's audit is
    /// what reports its effect.
    public static let x7: Double = (89 - sqrt177) / (5040 * x3)
    /// Posted `y2 = (857 - 58 * sqrt_177) / 630`.
    public static let y2: Double = (857 - 58 * sqrt177) / 630
}

/// The posted norm thresholds of mlx-proposal-t8 for one precision: ‖A‖₁ ≤ θ_m selects T_m.
///
/// They are the values PyTorch's `matrix_exp` uses for its degrees 1, 2, 4 and 8, copied into the
/// post (ml-explore/mlx issue #1779, comment by N8python, 2025-01-19). Kept as posted, full digits.
public struct MLXProposalT8Thresholds: Sendable, Equatable {
    public var theta1: Double
    public var theta2: Double
    public var theta4: Double
    public var theta8: Double

    /// Posted float32 thresholds (issue #1779 comment).
    public static let float32 = MLXProposalT8Thresholds(
        theta1: 1.192092800768788e-07,
        theta2: 5.978858893805233e-04,
        theta4: 5.116619363445086e-02,
        theta8: 5.800524627688768e-01)

    /// Posted float64 thresholds (issue #1779 comment).
    public static let float64 = MLXProposalT8Thresholds(
        theta1: 2.220446049250313e-16,
        theta2: 2.580956802971767e-08,
        theta4: 3.397168839976962e-04,
        theta8: 4.991228871115323e-02)
}
