import Linalg

// TEMPORARY STUB of the Reference module's public API, to be replaced by the real implementation.

/// How far a reference can be trusted: two independent-as-possible computations and their agreement.
public struct Certificate: Codable, Equatable, Sendable {
    /// How the reference was computed, e.g. "taylor-mpfr, self-check at two precisions and scalings".
    public var method: String
    /// Working precisions (bits) of the primary and the check computation.
    public var bits: [Int]
    /// Scaling exponents s of the primary and the check computation.
    public var scalings: [Int]
    /// Taylor degrees of the primary and the check computation.
    public var degrees: [Int]
    /// Decimal digits on which the two computations agree, normwise: −log10(‖X₁−X₂‖₁/‖X₁‖₁), capped.
    public var normwiseDigits: Double
    /// Decimal digits of agreement in the worst nonzero entry: −log10(max |X₁−X₂|/|X₁|), capped.
    public var componentwiseDigits: Double
    /// Wall time of both computations, seconds.
    public var seconds: Double
}

/// exp(A) for a Double matrix A, to far more digits than Double: the value rounded to Double (`hi`)
/// plus the rounded remainder (`lo`), so that hi + lo carries ~106 bits.
public struct ReferenceExp: Sendable {
    public var order: Int
    public var hi: Matrix<Double>
    public var lo: Matrix<Double>
    public var certificate: Certificate
}

public enum TaylorReference {
    public static func compute(_ a: Matrix<Double>, bits: Int = 256, checkBits: Int = 192) -> ReferenceExp {
        fatalError("stub")
    }
}
