import CBLAS
import CLAPACKE

/// A real floating-point type with BLAS and LAPACK kernels: `Float` (s-routines, c- for complex) or
/// `Double` (d-routines, z- for complex).
///
/// Everything generic in this package is written against this protocol so that the
/// same algorithm text runs in both precisions.
public protocol BLASScalar: BinaryFloatingPoint, Sendable, Codable
where RawSignificand: FixedWidthInteger {
    /// `.float32` or `.float64`.
    static var precision: Precision { get }

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

    /// LAPACK geev with right eigenvectors only (jobvl = 'N', jobvr = 'V'); `a` is overwritten.
    /// Eigenvalues go to `wr` + i·`wi`, the right eigenvectors to `vr` in LAPACK's packed real form.
    /// Returns LAPACK's `info` (0 on success, i > 0 when the QR algorithm failed and only
    /// eigenvalues i+1 … n converged, < 0 for an illegal argument or NaN in `a`).
    static func geev(
        n: Int, a: UnsafeMutablePointer<Self>, lda: Int,
        wr: UnsafeMutablePointer<Self>, wi: UnsafeMutablePointer<Self>,
        vr: UnsafeMutablePointer<Self>, ldvr: Int) -> Int

    /// LAPACK complex gesv (cgesv for Float, zgesv for Double): solves A·X = B in place by LU with
    /// partial pivoting. `a` and `b` hold complex entries as interleaved (re, im) pairs, column-major;
    /// `lda`, `ldb` count complex entries. Returns `info` as `gesv` does.
    static func complexGesv(
        n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, lda: Int,
        ipiv: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Self>, ldb: Int) -> Int
}

/// LAPACK's job character ('N', 'V', …) as a C char.
private func lapackJob(_ c: Unicode.Scalar) -> CChar { CChar(truncatingIfNeeded: c.value) }

extension BLASScalar {
    /// Unit roundoff u = 2^-p for round-to-nearest, in this type: `Precision.unitRoundoff` of `precision`
    /// (2^-24 for Float, 2^-53 for Double; a power of two, so the conversion is exact).
    public static var unitRoundoff: Self { Self(precision.unitRoundoff) }
}

extension Float: BLASScalar {
    public static var precision: Precision { .float32 }

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

    public static func geev(
        n: Int, a: UnsafeMutablePointer<Float>, lda: Int,
        wr: UnsafeMutablePointer<Float>, wi: UnsafeMutablePointer<Float>,
        vr: UnsafeMutablePointer<Float>, ldvr: Int
    ) -> Int {
        Int(LAPACKE_sgeev(
            LAPACK_COL_MAJOR, lapackJob("N"), lapackJob("V"), Int32(n), a, Int32(lda), wr, wi,
            nil, 1, vr, Int32(ldvr)))
    }

    public static func complexGesv(
        n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, lda: Int,
        ipiv: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Float>, ldb: Int
    ) -> Int {
        // _lapack_complex_float is the C struct {real, imag}: the layout of two adjacent Floats.
        precondition(MemoryLayout<_lapack_complex_float>.stride == 2 * MemoryLayout<Float>.stride)
        return a.withMemoryRebound(to: _lapack_complex_float.self, capacity: lda * n) { ca in
            b.withMemoryRebound(to: _lapack_complex_float.self, capacity: ldb * nrhs) { cb in
                Int(LAPACKE_cgesv(
                    LAPACK_COL_MAJOR, Int32(n), Int32(nrhs), ca, Int32(lda), ipiv, cb, Int32(ldb)))
            }
        }
    }
}

extension Double: BLASScalar {
    public static var precision: Precision { .float64 }

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

    public static func geev(
        n: Int, a: UnsafeMutablePointer<Double>, lda: Int,
        wr: UnsafeMutablePointer<Double>, wi: UnsafeMutablePointer<Double>,
        vr: UnsafeMutablePointer<Double>, ldvr: Int
    ) -> Int {
        Int(LAPACKE_dgeev(
            LAPACK_COL_MAJOR, lapackJob("N"), lapackJob("V"), Int32(n), a, Int32(lda), wr, wi,
            nil, 1, vr, Int32(ldvr)))
    }

    public static func complexGesv(
        n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int,
        ipiv: UnsafeMutablePointer<Int32>, b: UnsafeMutablePointer<Double>, ldb: Int
    ) -> Int {
        // _lapack_complex_double is the C struct {real, imag}: the layout of two adjacent Doubles.
        precondition(MemoryLayout<_lapack_complex_double>.stride == 2 * MemoryLayout<Double>.stride)
        return a.withMemoryRebound(to: _lapack_complex_double.self, capacity: lda * n) { ca in
            b.withMemoryRebound(to: _lapack_complex_double.self, capacity: ldb * nrhs) { cb in
                Int(LAPACKE_zgesv(
                    LAPACK_COL_MAJOR, Int32(n), Int32(nrhs), ca, Int32(lda), ipiv, cb, Int32(ldb)))
            }
        }
    }
}
