/// Eigenvalues and right eigenvectors of a real square matrix through LAPACK geev (sgeev/dgeev).

/// A = V·diag(λ)·V⁻¹ as LAPACK geev returns it (after its balancing, undone in V): each column of V
/// has unit 2-norm and its largest component real. Nothing guarantees V is well conditioned, or even
/// nonsingular: for a defective A geev still returns n columns, some (nearly) parallel.
public struct Eigendecomposition<T: BLASScalar>: Sendable {
    /// Re λ_j.
    public var valuesReal: [T]
    /// Im λ_j. Complex conjugate pairs are consecutive, the one with positive imaginary part first.
    public var valuesImaginary: [T]
    /// geev's packed real eigenvectors: for a real λ_j, column j is v_j; for a pair λ_j, λ_{j+1} = conj(λ_j),
    /// columns j and j+1 hold x_j, x_{j+1} with v_j = x_j + i·x_{j+1} and v_{j+1} = x_j − i·x_{j+1}.
    public var packedVectors: Matrix<T>

    @inlinable
    public init(valuesReal: [T], valuesImaginary: [T], packedVectors: Matrix<T>) {
        self.valuesReal = valuesReal
        self.valuesImaginary = valuesImaginary
        self.packedVectors = packedVectors
    }

    /// The complex eigenvector matrix V (column j belongs to λ_j), unpacked from `packedVectors`.
    @inlinable
    public var vectors: ComplexMatrix<T> {
        let x = packedVectors
        let n = x.rows
        var v = ComplexMatrix<T>(rows: n, cols: n)
        var j = 0
        while j < n {
            if valuesImaginary[j] == 0 || j + 1 == n {
                for i in 0..<n { v[i, j] = (x[i, j], 0) }
                j += 1
            } else {
                for i in 0..<n {
                    v[i, j] = (x[i, j], x[i, j + 1])
                    v[i, j + 1] = (x[i, j], -x[i, j + 1])
                }
                j += 2
            }
        }
        return v
    }
}

extension Matrix {
    /// Eigenvalues and right eigenvectors by LAPACK geev (one counted eigendecomposition).
    ///
    /// Throws `LinalgError.eigenvaluesNotConverged` when geev's QR algorithm fails (info > 0), and
    /// `LinalgError.illegalArgument` when LAPACK refuses the input (LAPACKE refuses a NaN entry with
    /// info = −5; infinite entries are not refused and give NaN values and vectors).
    @inlinable
    public func eigendecomposition() throws -> Eigendecomposition<T> {
        precondition(isSquare, "eigendecomposition needs a square matrix")
        OperationCounter.recordEigendecomposition()
        let n = rows
        if n == 0 {
            return Eigendecomposition(valuesReal: [], valuesImaginary: [], packedVectors: self)
        }
        var a = elements
        var wr = [T](repeating: 0, count: n)
        var wi = [T](repeating: 0, count: n)
        var vr = [T](repeating: 0, count: n * n)
        let info = a.withUnsafeMutableBufferPointer { pa in
            wr.withUnsafeMutableBufferPointer { pwr in
                wi.withUnsafeMutableBufferPointer { pwi in
                    vr.withUnsafeMutableBufferPointer { pv in
                        T.geev(
                            n: n, a: pa.baseAddress!, lda: n, wr: pwr.baseAddress!, wi: pwi.baseAddress!,
                            vr: pv.baseAddress!, ldvr: n)
                    }
                }
            }
        }
        if info > 0 { throw LinalgError.eigenvaluesNotConverged(info: info) }
        if info < 0 { throw LinalgError.illegalArgument(info: info) }
        return Eigendecomposition(
            valuesReal: wr, valuesImaginary: wi, packedVectors: Matrix(rows: n, cols: n, elements: vr))
    }
}
