import Linalg

/// exp(A) for a Double matrix A, to far more digits than Double: the value rounded to Double
/// (`hi`) plus the rounded remainder (`lo`), so that hi + lo carries about 106 bits, entrywise.
/// How many of those digits are trustworthy is stated by `certificate`.
///
/// Where an entry of exp(A) exceeds Double's range, `hi` holds ±Inf and `lo` 0 (the certificate
/// is still computed in MPFR and stays meaningful). For non-finite input both are all NaN and the
/// certificate reports 0 digits.
public struct ReferenceExp: Sendable {
    /// n, for an n×n input.
    public var order: Int
    /// exp(A) rounded entrywise to the nearest Double.
    public var hi: Matrix<Double>
    /// The remainder exp(A) − hi, rounded entrywise to the nearest Double.
    public var lo: Matrix<Double>
    /// Evidence for the accuracy of hi + lo.
    public var certificate: Certificate

    /// A reference from its parts.
    public init(order: Int, hi: Matrix<Double>, lo: Matrix<Double>, certificate: Certificate) {
        self.order = order
        self.hi = hi
        self.lo = lo
        self.certificate = certificate
    }
}
