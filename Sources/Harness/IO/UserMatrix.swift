import Linalg

/// A square matrix read from a user's file: real part, and imaginary part when the file holds
/// complex numbers. Entries are finite (readers refuse NaN and ±Inf) unless read as a result.
public struct UserMatrix: Sendable {
    /// The file's name without its directory, used as the case id in reports.
    public var name: String
    /// The path the matrix was read from.
    public var path: String
    public var real: Matrix<Double>
    /// nil for a real file (an integer or real field, or a real dtype).
    public var imaginary: Matrix<Double>?
    /// The precision the file stores its numbers in (a `.npy` dtype); nil for text (Matrix Market).
    public var storedPrecision: Precision?

    /// A matrix from its parts; `imaginary`, when given, has the shape of `real`.
    public init(name: String, path: String, real: Matrix<Double>, imaginary: Matrix<Double>? = nil) {
        precondition(imaginary.map { $0.rows == real.rows && $0.cols == real.cols } ?? true,
                     "real and imaginary parts differ in shape")
        self.name = name
        self.path = path
        self.real = real
        self.imaginary = imaginary
    }

    /// n, for an n×n matrix.
    public var order: Int { real.rows }

    /// True when the file held complex numbers (even if every imaginary part is zero).
    public var isComplex: Bool { imaginary != nil }
}
