import CBLAS
import CLAPACKE

/// A real floating-point type with BLAS and LAPACK kernels: `Float` (s-routines) or `Double` (d-routines).
///
/// Everything generic in this package is written against this protocol so that the
/// same algorithm text runs in both precisions.
public protocol BLASScalar: BinaryFloatingPoint, Sendable, Codable
where RawSignificand: FixedWidthInteger {
    /// "float32" or "float64", the names used in ids, reports and JSON.
    static var precisionName: String { get }

    /// Column-major C = alpha·A·B + beta·C (no transposes); A is m×k, B is k×n.
    static func gemm(
        m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

    /// LAPACK gesv: solves A·X = B in place by LU with partial pivoting.
    /// Returns LAPACK's `info` (0 on success, i > 0 when U(i,i) is exactly zero).
    static func gesv(
        n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, lda: Int,
        ipiv: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Self>, ldb: Int) -> Int
}

extension BLASScalar {
    /// Unit roundoff u = 2^-p for round-to-nearest (p = significand bits including the hidden bit):
    /// 2^-24 for Float, 2^-53 for Double.
    public static var unitRoundoff: Self { Self.ulpOfOne / 2 }
}

extension Float: BLASScalar {
    public static var precisionName: String { "float32" }

    public static func gemm(
        m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasColMajor, CblasNoTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    public static func gesv(
        n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, lda: Int,
        ipiv: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Float>, ldb: Int
    ) -> Int {
        Int(LAPACKE_sgesv(
            LAPACK_COL_MAJOR, Int32(n), Int32(nrhs), a, Int32(lda), ipiv, b,
            Int32(ldb)))
    }
}

extension Double: BLASScalar {
    public static var precisionName: String { "float64" }

    public static func gemm(
        m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasColMajor, CblasNoTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    public static func gesv(
        n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int,
        ipiv: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Double>, ldb: Int
    ) -> Int {
        Int(LAPACKE_dgesv(
            LAPACK_COL_MAJOR, Int32(n), Int32(nrhs), a, Int32(lda), ipiv, b,
            Int32(ldb)))
    }
}
