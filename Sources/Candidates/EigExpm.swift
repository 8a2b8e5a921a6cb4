import Linalg

/// `eig`, a control: exp(A) = V·exp(Λ)·V⁻¹ from the eigendecomposition A = V·Λ·V⁻¹, Moler and Van Loan,
/// "Nineteen dubious ways to compute the exponential of a matrix, twenty-five years later", SIAM Review
/// 45(1):3–49, 2003, doi:10.1137/S00361445024180, Method 14 (matrix decomposition methods: eigenvectors).
///
/// Steps, all in precision T (sgeev/cgesv for Float, dgeev/zgesv for Double):
/// 1. LAPACK geev gives the eigenvalues λ_j and the right eigenvectors (packed real form), unpacked into
///    the complex V: a conjugate pair's columns x_j, x_{j+1} become x_j ± i·x_{j+1}.
/// 2. W = V·diag(e^{λ_j}), a column scaling, with e^{a+ib} = e^a·(cos b + i·sin b).
/// 3. X·V = W is solved as Vᵀ·Xᵀ = Wᵀ by one complex LU solve (gesv). This route, rather than
///    Y = V⁻¹ from V·Y = I followed by X = W·Y, needs the same LU factorisation and the same n
///    right-hand sides but no complex product (≈ 4 real ones) and no explicit inverse, whose
///    error would enter through |W|·|V⁻¹|.
/// 4. The result is Re X. For real A the exact X is real (conjugate eigenpairs give conjugate columns of
///    V and W); the discarded imaginary part is rounding noise, of size about u·κ(V)·‖exp(A)‖ — see
///    `evaluate`, which returns it.
///
/// Expected accuracy: forward error about u·κ(V)·‖exp(A)‖ for a diagonalisable A, fine for normal
/// matrices (κ₂(V) = 1). It is a control because it fails where theory says: κ(V) is huge for
/// highly non-normal or nearly defective A. For a defective A, geev (LAPACK trevc) perturbs the zero
/// pivots of its triangular solves, so it still returns n nearly parallel eigenvectors: for a Jordan
/// block of λ ≠ 0, V is invertible with κ(V) ≈ 1/(u·|λ|) and the result is e^λ·I, wrong by O(1) rather than
/// thrown. For λ = 0 the perturbation ε is near the underflow threshold, so in a chain of length ≥ 3
/// the entries of order ε² underflow to 0, V has an exactly zero row, and its LU throws
/// `LinalgError.singular` (seen on the harness's nilpotent families). geev failing to converge throws
/// `LinalgError.eigenvaluesNotConverged`.
///
/// Cost: 1 eigendecomposition, 1 (complex) solve, 0 products. Choice label "eig", degree nil, scaling 0.
/// 0×0 and 1×1 input take the shared shortcuts. Input with a NaN or infinite entry returns all NaN
/// without calling LAPACK: LAPACKE refuses NaN (info = −5), and geev given an infinite entry returns NaN
/// eigenvalues and vectors (observed with OpenBLAS); all NaN is how the Padé candidates' NaN input ends too.
public struct EigExpm<T: BLASScalar>: ExpmCandidate {
    public typealias Scalar = T

    public init() {}

    public var name: String { "eig" }

    public var source: String {
        "Moler & Van Loan, \"Nineteen dubious ways to compute the exponential of a matrix, twenty-five "
            + "years later\", SIAM Review 45(1):3-49, 2003, doi:10.1137/S00361445024180, Method 14 "
            + "(eigenvectors): exp(A) = V exp(Lambda) V^-1 with LAPACK geev (right eigenvectors), complex V, "
            + "X V = V exp(Lambda) solved as V^T X^T = (V exp(Lambda))^T by one complex LU solve "
            + "(cgesv/zgesv), real part returned. A control: inaccurate or singular for defective and "
            + "highly non-normal matrices."
    }

    /// exp(A) = Re(V·exp(Λ)·V⁻¹) ("eig"; "1x1", "empty" for the trivial shapes).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func exp(_ a: Matrix<T>) throws -> ExpmResult<T> {
        if let trivial = try TrivialShapes.exp(a) { return trivial }
        let choice = ExpmChoice(approximant: "eig", degree: nil, scaling: 0)
        guard a.isFinite else { return ExpmResult(value: Self.allNaN(a.rows), choice: choice) }
        return ExpmResult(value: try Self.evaluate(a).value, choice: choice)
    }

    /// Re(V·exp(Λ)·V⁻¹) for finite square A (n ≥ 1), and max |Im| of the complex result before the real
    /// part was taken. All NaN (and a NaN imaginary size) when V·exp(Λ) holds a NaN, which needs
    /// e^{Re λ_j} = ∞ (then 0·∞ or ∞ − ∞ in the column scaling): exp(A) overflows then anyway, since
    /// ‖exp(A)‖ ≥ ρ(exp(A)) = max_j e^{Re λ_j}. LAPACKE would refuse the NaN right-hand side.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func evaluate(_ a: Matrix<T>) throws -> (value: Matrix<T>, imaginaryMax: T) {
        let e = try a.eigendecomposition()
        let v = e.vectors
        let n = a.rows
        var w = v
        for j in 0..<n {
            let (er, ei) = ScalarExponential.exp(re: e.valuesReal[j], im: e.valuesImaginary[j])
            for i in 0..<n {
                let (vr, vi) = v[i, j]
                w[i, j] = (vr * er - vi * ei, vr * ei + vi * er)
            }
        }
        if w.containsNaN { return (allNaN(n), .nan) }
        let x = try v.transposed.solve(w.transposed).transposed
        return (x.real, x.imaginary.maxAbs)
    }

    private static func allNaN(_ n: Int) -> Matrix<T> {
        Matrix(rows: n, cols: n, elements: Array(repeating: .nan, count: n * n))
    }
}
