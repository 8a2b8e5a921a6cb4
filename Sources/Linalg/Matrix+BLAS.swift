/// Matrix products and linear solves through BLAS (gemm) and LAPACK (gesv).
/// Every call is counted in `OperationCounter` so that algorithms' costs are measured, not claimed.

/// Errors from the LAPACK layer.
public enum LinalgError: Error, Equatable, CustomStringConvertible {
    /// gesv found U(i,i) = 0 exactly (1-based `pivot`): the coefficient matrix is singular.
    case singular(pivot: Int)
    /// LAPACK rejected an argument (negative `info`).
    case illegalArgument(info: Int)
    /// geev's QR algorithm failed to converge (positive `info`: only eigenvalues info+1 … n were
    /// computed, and no eigenvectors).
    case eigenvaluesNotConverged(info: Int)

    public var description: String {
        switch self {
        case .singular(let p): return "singular matrix: U(\(p),\(p)) = 0 in LU factorisation"
        case .illegalArgument(let i): return "LAPACK reported illegal argument \(-i)"
        case .eigenvaluesNotConverged(let i):
            return "geev did not converge: only eigenvalues \(i + 1) to n were computed"
        }
    }
}

extension LinalgError {
    /// Throws the error a gesv-family `info` reports: `.singular` for an exact zero pivot (info > 0),
    /// `.illegalArgument` when LAPACK refused an argument (info < 0).
    @inlinable
    public static func check(gesvInfo info: Int) throws {
        if info > 0 { throw LinalgError.singular(pivot: info) }
        if info < 0 { throw LinalgError.illegalArgument(info: info) }
    }
}

extension Matrix {
    /// The product A·B through gemm (one counted matrix product).
    @inlinable
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.cols == b.rows, "shape mismatch in *: \(a.rows)×\(a.cols) · \(b.rows)×\(b.cols)")
        var c = Matrix(rows: a.rows, cols: b.cols)
        OperationCounter.recordProduct(a.rows, b.cols, a.cols)
        if a.rows == 0 || b.cols == 0 { return c }
        if a.cols == 0 { return c }
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    T.gemm(
                        m: a.rows, n: b.cols, k: a.cols, alpha: 1,
                        a: pa.baseAddress!, lda: Swift.max(1, a.rows),
                        b: pb.baseAddress!, ldb: Swift.max(1, b.rows),
                        beta: 0, c: pc.baseAddress!, ldc: Swift.max(1, a.rows))
                }
            }
        }
        return c
    }

    /// X with A·X = B, by LU with partial pivoting (LAPACK gesv; one counted solve).
    /// Throws `LinalgError.singular` when an exact zero pivot appears.
    @inlinable
    public func solve(_ b: Matrix) throws -> Matrix {
        precondition(isSquare && rows == b.rows, "solve needs square A and matching B")
        OperationCounter.recordSolve()
        if rows == 0 || b.cols == 0 { return b }
        var lu = elements
        var x = b.elements
        var ipiv = [Int32](repeating: 0, count: rows)
        let info = lu.withUnsafeMutableBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { pb in
                ipiv.withUnsafeMutableBufferPointer { pp in
                    T.gesv(
                        n: rows, nrhs: b.cols, a: pa.baseAddress!, lda: rows,
                        ipiv: pp.baseAddress!, b: pb.baseAddress!, ldb: rows)
                }
            }
        }
        try LinalgError.check(gesvInfo: info)
        return Matrix(rows: rows, cols: b.cols, elements: x)
    }
}
