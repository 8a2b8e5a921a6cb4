import Reference

/// Which witnesses checked a reference, how far each pair agrees, and what the reference is
/// therefore certified to.
///
/// Rules: the certified digits are the agreement of the best *independent* pair that includes the
/// returned reference (a closed form, or another method); only when there is none do they fall back
/// to the self-check (two Taylor runs at different precision and scaling), which is weaker because
/// both runs share the algorithm, and `basis` says so. They never exceed what the stored value holds:
/// hi + lo carries 106 bits, about 31.9 digits, so claims are capped at `storedDigits`.
public struct Evidence: Codable, Sendable, Equatable {
    public struct Pair: Codable, Sendable, Equatable {
        public var first: String
        public var second: String
        /// False for the self-check (same algorithm at two precisions).
        public var independent: Bool
        public var normwiseDigits: Double
        public var componentwiseDigits: Double
    }

    /// Whether a witness independent of the Taylor reference (closed form, Arb, eigendecomposition)
    /// agreed with it; false when only the self-check stands behind `certifiedDigits`.
    public var hasIndependentWitness: Bool { pairs.contains(where: \.independent) }

    /// Names of the witnesses that ran, the returned reference and its self-check first (checks that are
    /// not independent, such as the fast path's, appear only in `pairs`).
    public var witnesses: [String]
    public var pairs: [Pair]
    /// Decimal digits the returned reference is certified to (normwise).
    public var certifiedDigits: Double
    /// "independent: …" or "self-check only (weaker: same algorithm at two precisions)".
    public var basis: String
    /// Set when an independent witness disagrees with the reference beyond the target.
    public var disagreement: String?
    /// Entries whose exact value is below Double's normal range (right Double answer 0 or subnormal),
    /// left out of the witnesses' comparisons.
    public var underflowEntries = 0
    /// Witnesses that declined, with their reason (e.g. the eigendecomposition witness on a
    /// defective matrix): they say "not applicable" rather than return a wrong value.
    public var refusals: [String] = []
    /// κ_exp(A) = ‖L(A)‖₁·‖A‖₁/‖exp(A)‖₁ (see `ExpCondition`), nil when exp(A) is not finite.
    public var kappa: Double?
    /// True when κ is exact (Kronecker form in MPFR), false when estimated (normest1).
    public var kappaExact: Bool?

    /// What hi + lo can hold: |hi + lo − x| ≤ 2^-106·|x|, i.e. 31.9 digits; claimed as 31.
    public static let storedDigits = 31.0

    public static let primary = "taylor-mpfr-256"
    public static let selfCheck = "taylor-mpfr-192 (s+1)"
    /// The names of the fast engine's runs when it is the reference (n > 256).
    public static let fastPrimary = "taylor-dd-ozaki"
    public static let fastSelfCheck = "taylor-dd-ozaki (s+1)"
    /// Arb's midpoint as the reference, where the fast engine fell short: its "self-check" is the proof
    /// by the radius.
    public static let arbPrimary = "arb-midpoint"
    public static let arbSelfCheck = "arb radius (rigorous bound)"
    /// The fast engine as a check of the MPFR reference (n ≤ 256): not independent (both are Taylor
    /// series with squaring), but a disagreement shows that the engine used above 256 is wrong somewhere.
    public static let fastCheck = "taylor-dd-ozaki (fast path, as a check)"

    /// The evidence from the reference's self-check, the independent witnesses' agreement with it, and
    /// `checks`: agreement of other computations that are not independent of the reference (the fast
    /// path against MPFR), reported as disagreements when below the target but never certifying.
    /// `names` are the reference's run and its self-check (MPFR by default). Pairs named in `quiet` are
    /// listed but never reported as disagreements: double-double computations checking an MPFR reference,
    /// whose shortfall on matrices needing many squarings is their known limit, not the reference's.
    public static func assess(_ certificate: Certificate, independent: [(name: String, digits: AgreementDigits)],
                              checks: [(name: String, digits: AgreementDigits)] = [],
                              target: Double, names: (primary: String, selfCheck: String) = (primary, selfCheck),
                              quiet: Set<String> = [])
        -> Evidence
    {
        var pairs = [Pair(first: names.primary, second: names.selfCheck, independent: false,
                          normwiseDigits: certificate.normwiseDigits, componentwiseDigits: certificate.componentwiseDigits)]
        pairs += checks.map {
            Pair(first: names.primary, second: $0.name, independent: false,
                 normwiseDigits: $0.digits.normwise, componentwiseDigits: $0.digits.componentwise)
        }
        pairs += independent.map {
            Pair(first: names.primary, second: $0.name, independent: true,
                 normwiseDigits: $0.digits.normwise, componentwiseDigits: $0.digits.componentwise)
        }
        let best = pairs.filter(\.independent).max { $0.normwiseDigits < $1.normwiseDigits }
        let digits = min(best?.normwiseDigits ?? certificate.normwiseDigits, storedDigits)
        let basis = best.map { "independent: \($0.first) vs \($0.second)" }
            ?? "self-check only (weaker: same algorithm at two precisions)"
        let dissent = pairs.dropFirst().filter { $0.normwiseDigits < target && !quiet.contains($0.second) }
        return Evidence(
            witnesses: [names.primary, names.selfCheck] + independent.map(\.name),
            pairs: pairs, certifiedDigits: digits,
            basis: basis,
            disagreement: dissent.isEmpty ? nil : dissent.map {
                "\($0.second) agrees with the reference to only \(String(format: "%.1f", $0.normwiseDigits)) digits"
            }.joined(separator: "; "))
    }
}
