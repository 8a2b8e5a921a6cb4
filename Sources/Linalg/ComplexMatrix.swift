/// A dense complex matrix stored column-major with each entry as an interleaved (re, im) pair, the
/// layout of LAPACK's complex routines: entry (i, j) is `elements[2k] + i·elements[2k + 1]` with
/// k = i + j·rows.
///
/// Only what the eigenvector candidate needs: building from real and imaginary parts, entry access,
/// the (non-conjugating) transpose, and a counted LU solve through LAPACK's complex gesv.
public struct ComplexMatrix<T: BLASScalar>: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    /// 2·rows·cols reals: (re, im) of entry (0,0), (1,0), …, column by column.
    public var elements: [T]

    /// A matrix from interleaved column-major elements; `elements.count` must be `2 * rows * cols`.
    @inlinable
    public init(rows: Int, cols: Int, elements: [T]) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        precondition(elements.count == 2 * rows * cols, "expected \(2 * rows * cols) reals, got \(elements.count)")
        self.rows = rows
        self.cols = cols
        self.elements = elements
    }

    /// The rows×cols zero matrix.
    @inlinable
    public init(rows: Int, cols: Int) {
        self.init(rows: rows, cols: cols, elements: Array(repeating: 0, count: 2 * rows * cols))
    }

    /// real + i·imaginary (same shapes); a zero imaginary part when `imaginary` is nil.
    @inlinable
    public init(real: Matrix<T>, imaginary: Matrix<T>? = nil) {
        if let im = imaginary {
            precondition(im.rows == real.rows && im.cols == real.cols, "shape mismatch in ComplexMatrix(real:imaginary:)")
        }
        var e = [T](repeating: 0, count: 2 * real.elements.count)
        for k in real.elements.indices {
            e[2 * k] = real.elements[k]
            if let im = imaginary { e[2 * k + 1] = im.elements[k] }
        }
        self.init(rows: real.rows, cols: real.cols, elements: e)
    }

    /// Entry (i, j) as (re, im).
    @inlinable
    public subscript(i: Int, j: Int) -> (re: T, im: T) {
        get {
            let k = 2 * (i + j * rows)
            return (elements[k], elements[k + 1])
        }
        set {
            let k = 2 * (i + j * rows)
            elements[k] = newValue.re
            elements[k + 1] = newValue.im
        }
    }

    /// The real parts.
    @inlinable
    public var real: Matrix<T> {
        Matrix(rows: rows, cols: cols, elements: (0..<(rows * cols)).map { elements[2 * $0] })
    }

    /// The imaginary parts.
    @inlinable
    public var imaginary: Matrix<T> {
        Matrix(rows: rows, cols: cols, elements: (0..<(rows * cols)).map { elements[2 * $0 + 1] })
    }

    /// True when some real or imaginary part is NaN.
    @inlinable
    public var containsNaN: Bool { elements.contains { $0.isNaN } }

    /// The transpose Aᵀ (not the conjugate transpose).
    @inlinable
    public var transposed: ComplexMatrix {
        var t = ComplexMatrix(rows: cols, cols: rows)
        for j in 0..<cols { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// X with A·X = B, by LU with partial pivoting (LAPACK cgesv/zgesv; one counted solve).
    /// Throws `LinalgError.singular` when an exact zero pivot appears, `LinalgError.illegalArgument`
    /// when LAPACK refuses its input (LAPACKE refuses NaN in A with info = −4, in B with info = −7).
    @inlinable
    public func solve(_ b: ComplexMatrix) throws -> ComplexMatrix {
        precondition(rows == cols && rows == b.rows, "solve needs square A and matching B")
        OperationCounter.recordSolve()
        if rows == 0 || b.cols == 0 { return b }
        var lu = elements
        var x = b.elements
        var ipiv = [Int32](repeating: 0, count: rows)
        let info = lu.withUnsafeMutableBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { pb in
                ipiv.withUnsafeMutableBufferPointer { pp in
                    T.complexGesv(
                        n: rows, nrhs: b.cols, a: pa.baseAddress!, lda: rows,
                        ipiv: pp.baseAddress!, b: pb.baseAddress!, ldb: rows)
                }
            }
        }
        try LinalgError.check(gesvInfo: info)
        return ComplexMatrix(rows: rows, cols: b.cols, elements: x)
    }
}
