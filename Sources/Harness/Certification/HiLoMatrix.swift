import Linalg

/// A matrix held as an unevaluated entrywise sum hi + lo of Doubles (about 106 bits per entry).
public struct HiLoMatrix: Sendable, Equatable {
    /// The value rounded entrywise to Double.
    public var hi: Matrix<Double>
    /// The remainder, rounded entrywise to Double.
    public var lo: Matrix<Double>

    public init(hi: Matrix<Double>, lo: Matrix<Double>) {
        self.hi = hi
        self.lo = lo
    }

    /// Significant decimal digits a double-double carries in each entry of normal magnitude
    /// (106 bits, rounded down): digits asked for beyond these are not those of the value.
    public static let carriedDigits = 31
}
