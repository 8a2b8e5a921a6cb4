import Foundation

/// How far a reference can be trusted: two computations that differ in both working precision
/// and scaling, and the number of decimal digits on which they agree.
///
/// Agreement is evidence, not proof: both runs share the algorithm (Taylor + squaring), so an
/// error common to both would go unseen. Their truncation and rounding errors differ, though,
/// and the primary (higher-precision) run is the one returned, so the agreement digits are a
/// conservative estimate of the returned value's accuracy.
public struct Certificate: Codable, Equatable, Sendable {
    /// How the reference was computed, e.g. "taylor-mpfr, self-check at two precisions and scalings".
    public var method: String
    /// Working precisions (bits) of the primary and the check computation.
    public var bits: [Int]
    /// Scaling exponents s of the primary and the check computation
    /// (empty when nothing was computed, i.e. for non-finite input).
    public var scalings: [Int]
    /// Taylor degrees of the primary and the check computation
    /// (empty when nothing was computed, i.e. for non-finite input).
    public var degrees: [Int]
    /// Decimal digits on which the two computations agree, normwise: −log10(‖X₁−X₂‖₁/‖X₁‖₁),
    /// clamped to [0, cap] with cap = `Certificate.digitCap(bits:)` of the smaller precision.
    public var normwiseDigits: Double
    /// Decimal digits of agreement in the worst entry: −log10(max |X₁−X₂|/|X₁|) over entries
    /// with X₁ ≠ 0 (see `Agreement` for entries where X₁ = 0), clamped to [0, cap] like
    /// `normwiseDigits`.
    public var componentwiseDigits: Double
    /// Wall time of both computations, seconds.
    public var seconds: Double

    /// A certificate from its parts (used by `TaylorReference`, and by tests and reports).
    public init(
        method: String, bits: [Int], scalings: [Int], degrees: [Int],
        normwiseDigits: Double, componentwiseDigits: Double, seconds: Double
    ) {
        self.method = method
        self.bits = bits
        self.scalings = scalings
        self.degrees = degrees
        self.normwiseDigits = normwiseDigits
        self.componentwiseDigits = componentwiseDigits
        self.seconds = seconds
    }
}

extension Certificate {
    /// The accuracy a reference must certify to judge Double-precision candidates with room to
    /// spare: 25 decimal digits, about 2^-83, i.e. 30 bits below Double's unit roundoff.
    public static let defaultTargetDigits = 25.0

    /// The most digits agreement between two runs can certify when the less precise one
    /// carries `bits` bits: floor(bits·log10 2) − 2. Two decimal digits are held back because
    /// rounding errors accumulate over n-term sums and squarings. 55 for 192 bits.
    public static func digitCap(bits: Int) -> Double {
        max(0, (Double(bits) * log10(2.0)).rounded(.down) - 2)
    }

    /// True when the two runs agree normwise (1-norm) to at least `targetDigits` decimal digits.
    public func isCertified(targetDigits: Double = Certificate.defaultTargetDigits) -> Bool {
        normwiseDigits >= targetDigits
    }

    /// True when even the worst entry agrees to at least `targetDigits` decimal digits.
    /// Stricter than `isCertified`: entries much smaller than the norm may fail it.
    public func isComponentwiseCertified(targetDigits: Double = Certificate.defaultTargetDigits) -> Bool {
        componentwiseDigits >= targetDigits
    }
}
